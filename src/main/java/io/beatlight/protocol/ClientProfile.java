package io.beatlight.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which shape of the state document a connection receives (docs/protocol.md#client-profiles). {@link #SEED} is the
 * shape the seed-era reference client and Beatlight's own page read; {@link #LATEST} is the shape the newest
 * reference client reads (beats as objects, enum values as DMX value keys, human hints, cue helpers).
 */
public enum ClientProfile {
    SEED, LATEST;

    /** The server-wide setting: {@code auto} decides per connection, the others force one profile. */
    public enum Setting {
        AUTO, SEED, LATEST;

        public static Setting parse(String text) {
            String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "", "auto" -> AUTO;
                case "seed" -> SEED;
                case "latest" -> LATEST;
                default -> throw new IllegalArgumentException("client profile must be auto, seed or latest, not '"
                        + text + "'");
            };
        }

        /** The profile a new connection starts with. */
        public ClientProfile initial() {
            return this == LATEST ? ClientProfile.LATEST : ClientProfile.SEED;
        }
    }

    /**
     * Intents only the latest reference client sends (Beatlight's own page and the seed-era client never do). Under
     * {@code auto} the first of them moves its connection to {@link #LATEST}.
     */
    private static final Set<String> LATEST_ONLY_INTENTS = Set.of("song.hints.create", "song.hints.update",
            "song.hints.delete", "cue.apply_helper");

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The profile a {@code hello} asks for with its {@code profile: "seed"|"latest"} field (an extension). Both
     * reference clients send the same {@code {client:"uix-ui", version:"0.1"}}, so their hello asks for nothing.
     */
    public static Optional<ClientProfile> fromHello(JsonNode hello) {
        JsonNode profile = hello == null ? null : hello.get("profile");
        if (profile == null || !profile.isTextual()) {
            return Optional.empty();
        }
        return switch (profile.asText().trim().toLowerCase(Locale.ROOT)) {
            case "seed" -> Optional.of(SEED);
            case "latest" -> Optional.of(LATEST);
            default -> Optional.empty();
        };
    }

    /** True for an intent only the latest reference client sends. */
    public static boolean isLatestOnly(String intent) {
        return intent != null && LATEST_ONLY_INTENTS.contains(intent);
    }
}
