package io.beatlight.api.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two reference clients on one server: the latest one (its hello asks for the latest profile, or it uses a
 * latest-only intent) gets beats as objects, enum value keys, human hints and cue helpers; the seed-era one keeps
 * the seed shapes, both from snapshots and from patches with contiguous seqs.
 */
@Tag("server")
class ClientProfilesServerTest {
    @TempDir
    Path dir;

    /** Two pickup beats, then bars from downbeats at 1.25, 3.25 and 5.25 s; past the last, bars of four go on. */
    private static final String META = """
            {"filename": "Song", "length": 8.0, "bpm": 120, "beats_per_bar": 4,
             "parts": {"intro": [0.0, 3.25], "verse": [3.25, 8.0]},
             "hints": {"beats": [0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75, 4.25, 4.75, 5.25, 5.75, 6.25, 6.75,
                                 7.25, 7.75],
                       "downbeats": [1.25, 3.25, 5.25]}}""";

    @BeforeEach
    void show() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 8, 120, null);
        Files.writeString(dir.resolve("meta").resolve("Song.json"), META, StandardCharsets.UTF_8);
    }

    private static ObjectNode hello(String profile) {
        ObjectNode hello = Json.object().put("type", "hello").put("client", "uix-ui").put("version", "0.1");
        if (profile != null) {
            hello.put("profile", profile);
        }
        return hello;
    }

    private static JsonNode ok(JsonNode reply) {
        assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
        return reply.path("data");
    }

    private static JsonNode refused(JsonNode reply, String code) {
        assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isFalse();
        assertThat(reply.at("/error/code").asText()).as(reply.toString()).isEqualTo(code);
        return reply.path("error");
    }

    /**
     * The client's state as the reference client builds it: the last snapshot, then every later patch applied
     * (paths walked through objects, leaves replaced); each patch must be the seq after the previous message's.
     */
    static ObjectNode view(WsTestClient client) {
        ObjectNode state = null;
        long seq = -1;
        for (JsonNode m : client.messages()) {
            String type = m.path("type").asText();
            if (type.equals("snapshot")) {
                state = (ObjectNode) m.get("state").deepCopy();
                seq = m.get("seq").asLong();
            } else if (type.equals("patch") && state != null) {
                assertThat(m.get("seq").asLong()).as("patch after seq %d", seq).isEqualTo(seq + 1);
                seq = m.get("seq").asLong();
                for (JsonNode change : m.get("changes")) {
                    ObjectNode at = state;
                    JsonNode path = change.get("path");
                    for (int i = 0; i < path.size() - 1; i++) {
                        if (!at.path(path.get(i).asText()).isObject()) {
                            at.putObject(path.get(i).asText());
                        }
                        at = (ObjectNode) at.get(path.get(i).asText());
                    }
                    at.set(path.get(path.size() - 1).asText(), change.get("value").deepCopy());
                }
            }
        }
        return state;
    }

    /** Waits until the client has received everything up to {@code seq}. */
    private static void awaitSeq(WsTestClient client, long seq) {
        client.await(m -> ("patch".equals(m.path("type").asText()) || "snapshot".equals(m.path("type").asText()))
                && m.path("seq").asLong() >= seq, Duration.ofSeconds(30));
    }

    private static JsonNode snapshotAfter(WsTestClient client, int from) {
        return client.awaitFrom(from, m -> "snapshot".equals(m.path("type").asText()), Duration.ofSeconds(30));
    }

    @Test
    void aLatestAndASeedConnectionGetTheirOwnShapesFromSnapshotsAndPatches() throws Exception {
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port());
             WsTestClient latest = WsTestClient.connect(server.port());
             WsTestClient seed = WsTestClient.connect(server.port())) {
            latest.firstSnapshot();
            seed.firstSnapshot();
            int fromLatest = latest.received();
            int fromSeed = seed.received();
            latest.send(hello("latest"));
            seed.send(hello(null));
            JsonNode l = snapshotAfter(latest, fromLatest).get("state");
            JsonNode s = snapshotAfter(seed, fromSeed).get("state");
            ok(latest.call("song.load", Json.object().put("filename", "Song")));

            // beats: counted objects for the latest client, seconds (and downbeats) for the seed client
            long seq = latest.messages().stream().mapToLong(m -> m.path("seq").asLong(-1)).max().orElseThrow();
            awaitSeq(seed, seq);
            l = view(latest);
            s = view(seed);
            JsonNode beats = l.at("/song/beats");
            assertThat(beats).hasSize(16);
            assertThat(beats.get(0).toString()).isEqualTo("{\"time\":0.25,\"bar\":0,\"beat\":3,\"type\":\"beat\"}");
            assertThat(beats.get(1).path("beat").asInt()).isEqualTo(4);
            assertThat(beats.get(2).toString()).isEqualTo("{\"time\":1.25,\"bar\":1,\"beat\":1,\"type\":\"downbeat\"}");
            assertThat(beats.get(5).toString()).isEqualTo("{\"time\":2.75,\"bar\":1,\"beat\":4,\"type\":\"beat\"}");
            assertThat(beats.get(10).toString()).isEqualTo("{\"time\":5.25,\"bar\":3,\"beat\":1,\"type\":\"downbeat\"}");
            assertThat(beats.get(14).toString()).isEqualTo("{\"time\":7.25,\"bar\":4,\"beat\":1,\"type\":\"downbeat\"}");
            assertThat(l.path("song").has("downbeats")).isFalse();
            assertThat(s.at("/song/beats/0").isNumber()).isTrue();
            assertThat(s.at("/song/beats")).hasSize(16);
            assertThat(s.at("/song/downbeats").toString()).isEqualTo("[1.25,3.25,5.25]");

            // analysis, hints and helpers
            assertThat(l.at("/song/analysis/human_hints").isArray()).isTrue();
            assertThat(l.at("/song/analysis/human_hints_status").toString())
                    .isEqualTo("{\"dirty\":false,\"saved\":true,\"file_exists\":false}");
            assertThat(l.at("/song/analysis/events").isArray()).isTrue();
            assertThat(l.at("/song/analysis/patterns").isArray()).isTrue();
            List<String> helpers = new ArrayList<>();
            l.get("cue_helpers").forEach(h -> helpers.add(h.get("id").asText()));
            assertThat(helpers).containsExactly("downbeats_and_beats", "parcan_echoes", "song_draft");
            assertThat(l.at("/cue_helpers/1/parameters/1/type").asText()).isEqualTo("color");
            assertThat(s.get("cue_helpers")).isEmpty();
            assertThat(s.at("/song/analysis/human_hints").isMissingNode()).isTrue();

            // enum values: the DMX value key for the latest client, the label for the seed client (via a patch)
            JsonNode colours = l.at("/fixtures/mini_beam_prism_l/mappings/color");
            Iterator<Map.Entry<String, JsonNode>> entries = colours.properties().iterator();
            entries.next();
            Map.Entry<String, JsonNode> second = entries.next();
            JsonNode reply = latest.call("fixture.set_values", Json.object().put("fixture_id", "mini_beam_prism_l")
                    .set("values", Json.object().put("color", second.getValue().asText())));
            ok(reply);
            awaitSeq(seed, reply.get("seq").asLong());
            assertThat(view(latest).at("/fixtures/mini_beam_prism_l/values/color").asText())
                    .isEqualTo(second.getKey());
            assertThat(view(seed).at("/fixtures/mini_beam_prism_l/values/color").asText())
                    .isEqualTo(second.getValue().asText());

            // a hint reaches the latest client by patch; the seed client's patch at that seq changes nothing of it
            JsonNode hint = ok(latest.call("song.hints.create", Json.object().put("start_time", 1.0)
                    .put("end_time", 2.5).put("title", "Drop").put("summary", "kick in").put("lighting_hint", "blue")));
            awaitSeq(seed, latest.messages().stream().filter(m -> "reply".equals(m.path("type").asText()))
                    .mapToLong(m -> m.get("seq").asLong()).max().orElseThrow());
            assertThat(hint.at("/hint/id").asText()).isEqualTo("ui_001");
            assertThat(view(latest).at("/song/analysis/human_hints/0/title").asText()).isEqualTo("Drop");
            assertThat(view(latest).at("/song/analysis/human_hints_status/file_exists").asBoolean()).isTrue();
            assertThat(view(seed).at("/song/analysis/human_hints").isMissingNode()).isTrue();
            assertThat(view(seed).at("/song/beats/0").isNumber()).isTrue();
        }
    }

    @Test
    void autoMovesAConnectionToTheLatestProfileOnItsFirstLatestOnlyIntentAndAForcedSettingWins() throws Exception {
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            client.send(hello(null));
            ok(client.call("song.load", Json.object().put("filename", "Song")));
            assertThat(view(client).at("/song/beats/0").isNumber()).isTrue();
            int from = client.received();
            ok(client.call("song.hints.create", Json.object().put("start_time", 0.5).put("title", "x")));
            JsonNode snapshot = snapshotAfter(client, from);
            assertThat(snapshot.at("/state/song/beats/0/bar").asInt()).isZero();
            assertThat(view(client).at("/song/analysis/human_hints/0/title").asText()).isEqualTo("x");
        }
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port(), "--client-profile", "seed");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            int from = client.received();
            client.send(hello("latest"));
            assertThat(snapshotAfter(client, from).at("/state/song/beats/0").isNumber()).isTrue();
            ok(client.call("song.hints.delete", Json.object().put("id", "ui_001")));
            assertThat(view(client).at("/song/beats/0").isNumber()).isTrue();
        }
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port(), "--client-profile", "latest");
             WsTestClient client = WsTestClient.connect(server.port())) {
            assertThat(client.firstSnapshot().at("/state/cue_helpers")).hasSize(3);
        }
    }

    @Test
    void hintsAreCreatedUpdatedAndDeletedValidatedAndSurviveARestart() throws Exception {
        Path file = dir.resolve("meta").resolve("Song").resolve("human").resolve("human_hints.json");
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            client.send(hello("latest"));
            ok(client.call("song.load", Json.object().put("filename", "Song")));
            ok(client.call("song.hints.create", Json.object().put("start_time", 2).put("end_time", 3)
                    .put("title", "A")));
            ok(client.call("song.hints.create", Json.object().put("start_time", 1).put("end_time", 4)
                    .put("title", "B").put("lighting_hint", "warm")));
            JsonNode updated = ok(client.call("song.hints.update", Json.object().put("id", "ui_001")
                    .set("patch", Json.object().put("title", "A2").put("end_time", 5))));
            assertThat(updated.at("/hint").toString()).isEqualTo("{\"id\":\"ui_001\",\"start_time\":2.0,"
                    + "\"end_time\":5.0,\"title\":\"A2\",\"summary\":\"\",\"lighting_hint\":\"\"}");
            JsonNode hints = view(client).at("/song/analysis/human_hints");
            assertThat(hints).hasSize(2);
            assertThat(hints.get(0).get("id").asText()).isEqualTo("ui_002"); // sorted by start
            String before = Files.readString(file);

            // refusals change nothing and carry the reference's failure events
            int from = client.received();
            JsonNode error = refused(client.call("song.hints.update", Json.object().put("id", "ui_404")
                    .set("patch", Json.object().put("title", "x"))), "unknown_hint");
            assertThat(error.at("/details/id").asText()).isEqualTo("ui_404");
            JsonNode event = client.awaitFrom(from, m -> "song_hint_update_failed".equals(m.path("message").asText()),
                    Duration.ofSeconds(10));
            assertThat(event.get("data").toString()).isEqualTo("{\"ok\":false,\"reason\":\"unknown_hint\","
                    + "\"id\":\"ui_404\"}");
            refused(client.call("song.hints.update", Json.object().put("id", "ui_001")
                    .set("patch", Json.object().put("colour", "x"))), "invalid_payload");
            refused(client.call("song.hints.update", Json.object().put("id", "ui_001")), "invalid_payload");
            assertThat(refused(client.call("song.hints.create", Json.object().put("start_time", 3)
                    .put("end_time", 2)), "invalid_payload").get("field").asText()).isEqualTo("end_time");
            assertThat(refused(client.call("song.hints.update", Json.object().put("id", "ui_001")
                    .set("patch", Json.object().put("start_time", -1))), "invalid_payload").get("field").asText())
                    .isEqualTo("patch.start_time");
            refused(client.call("song.hints.create", Json.object().put("start_time", 1).put("title", 5)),
                    "invalid_payload");
            refused(client.call("song.hints.create", Json.object().put("start_time", 99)), "invalid_payload");
            refused(client.call("song.hints.delete", Json.object()), "invalid_payload");
            refused(client.call("song.hints.delete", Json.object().put("id", "ui_404")), "unknown_hint");
            assertThat(Files.readString(file)).isEqualTo(before);

            ok(client.call("song.hints.delete", Json.object().put("id", "ui_002")));
            assertThat(view(client).at("/song/analysis/human_hints")).hasSize(1);
        }
        assertThat(Files.exists(file.resolveSibling("human_hints.json.bak"))).isTrue();
        JsonNode stored = Json.MAPPER.readTree(file.toFile());
        assertThat(stored.get("song_name").asText()).isEqualTo("Song");
        assertThat(stored.get("human_hints")).hasSize(1);
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port(), "--client-profile", "latest");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ok(client.call("song.load", Json.object().put("filename", "Song")));
            JsonNode hints = view(client).at("/song/analysis/human_hints");
            assertThat(hints).hasSize(1);
            assertThat(hints.get(0).get("title").asText()).isEqualTo("A2");
            JsonNode next = ok(client.call("song.hints.create", Json.object().put("start_time", 0)));
            assertThat(next.at("/hint/id").asText()).isEqualTo("ui_002");
        }
    }

    /** The moving heads and par cans that can flash, from the latest state (par cans left to right). */
    private static List<String> flashing(JsonNode state, String type) {
        List<JsonNode> found = new ArrayList<>();
        state.get("fixtures").forEach(f -> {
            boolean flash = false;
            for (JsonNode e : f.path("supported_effects")) {
                flash |= e.path("id").asText().equals("flash");
            }
            if (flash && f.path("type").asText().equals(type)) {
                found.add(f);
            }
        });
        found.sort(Comparator.comparingDouble((JsonNode f) -> f.at("/location/x").asDouble(0.5))
                .thenComparing(f -> f.get("id").asText()));
        return found.stream().map(f -> f.get("id").asText()).toList();
    }

    @Test
    void downbeatsAndBeatsGeneratesRowsOnTheBeatsUpsertsThemAndBadRequestsChangeNothing() throws Exception {
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            client.send(hello("latest"));
            ok(client.call("song.load", Json.object().put("filename", "Song")));
            ok(client.call("cue.add", Json.object().put("time", 1.25).put("fixture_id", "parcan_l")
                    .put("effect", "full").put("duration", 0)));
            ObjectNode state = view(client);
            List<String> heads = flashing(state, "moving_head");
            List<String> pars = flashing(state, "parcan");
            assertThat(heads).isNotEmpty();
            assertThat(pars).hasSizeGreaterThanOrEqualTo(3);

            // refusals: nothing changes, the failure event names the helper
            int from = client.received();
            JsonNode error = refused(client.call("cue.apply_helper", Json.object().put("helper_id", "nope")),
                    "unknown_helper_id");
            assertThat(error.get("field").asText()).isEqualTo("helper_id");
            JsonNode event = client.awaitFrom(from, m -> "cue_helper_apply_failed".equals(m.path("message").asText()),
                    Duration.ofSeconds(10));
            assertThat(event.at("/data/reason").asText()).isEqualTo("unknown_helper_id");
            assertThat(event.at("/data/helper_id").asText()).isEqualTo("nope");
            refused(client.call("cue.apply_helper", Json.object()), "invalid_payload");
            assertThat(refused(client.call("cue.apply_helper", Json.object().put("helper_id", "parcan_echoes")
                    .put("params", "fast")), "invalid_payload").get("field").asText()).isEqualTo("params");
            assertThat(refused(client.call("cue.apply_helper", Json.object().put("helper_id", "parcan_echoes")
                    .set("params", Json.object().put("decay_factor", 5))), "invalid_payload").get("field")
                    .asText()).isEqualTo("params.decay_factor");
            refused(client.call("cue.apply_helper", Json.object().put("helper_id", "parcan_echoes")
                    .set("params", Json.object().put("color", "blue"))), "invalid_payload");
            assertThat(view(client).get("cues")).hasSize(1);

            JsonNode applied = ok(client.call("cue.apply_helper", Json.object().put("helper_id",
                    "downbeats_and_beats")));
            // 4 bars (3 from downbeats, 1 counted on) → a flash per head; the 12 other beats → one par each
            int rows = 4 * heads.size() + 12;
            assertThat(applied.toString()).isEqualTo("{\"helper_id\":\"downbeats_and_beats\",\"generated\":" + rows
                    + ",\"replaced\":0,\"skipped\":0}");
            JsonNode cues = view(client).get("cues");
            assertThat(cues).hasSize(rows + 1);
            Map<Double, Set<String>> byTime = new TreeMap<>();
            for (JsonNode cue : cues) {
                if (cue.path("created_by").asText().equals("downbeats_and_beats")) {
                    assertThat(cue.get("effect").asText()).isEqualTo("flash");
                    byTime.computeIfAbsent(cue.get("time").asDouble(), t -> new HashSet<>())
                            .add(cue.get("fixture_id").asText());
                    boolean head = heads.contains(cue.get("fixture_id").asText());
                    assertThat(cue.get("duration").asDouble()).isEqualTo(head ? 1.0 : 0.625);
                    if (!head) {
                        assertThat(cue.at("/data/color").asText()).isEqualTo("#0000FF");
                    }
                }
            }
            for (double downbeat : List.of(1.25, 3.25, 5.25, 7.25)) {
                assertThat(byTime.get(downbeat)).containsExactlyInAnyOrderElementsOf(heads);
            }
            assertThat(byTime.get(0.25)).containsExactly(pars.get(0)); // the pickup
            assertThat(byTime.get(0.75)).containsExactly(pars.get(1));
            assertThat(byTime.get(1.75)).containsExactly(pars.get(0)); // each bar starts the chase again
            assertThat(byTime.get(2.75)).containsExactly(pars.get(2));
            assertThat(byTime.get(7.75)).containsExactly(pars.get(0));

            // again: every row replaces its own; the file holds them
            JsonNode again = ok(client.call("cue.apply_helper", Json.object().put("helper_id",
                    "downbeats_and_beats")));
            assertThat(again.path("generated").asInt()).isZero();
            assertThat(again.path("replaced").asInt()).isEqualTo(rows);
            assertThat(view(client).get("cues")).hasSize(rows + 1);
        }
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port(), "--client-profile", "latest");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ok(client.call("song.load", Json.object().put("filename", "Song")));
            long tagged = 0;
            for (JsonNode cue : view(client).get("cues")) {
                tagged += cue.path("created_by").asText().equals("downbeats_and_beats") ? 1 : 0;
            }
            assertThat(tagged).isEqualTo(4L * flashing(view(client), "moving_head").size() + 12);
        }
    }

    @Test
    void parcanEchoesDecayAndAlternateAndSongDraftCoversEverySection() throws Exception {
        try (ArtNetReceiver artnet = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, artnet.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ok(client.call("song.load", Json.object().put("filename", "Song")));
            JsonNode echoes = ok(client.call("cue.apply_helper", Json.object().put("helper_id", "parcan_echoes")
                    .set("params", Json.object().put("start_time_ms", 1000).put("color", "#ff0000")
                            .put("initial_value", 1.0).put("decay_factor", 0.5).put("minimum_value", 0.2)
                            .put("delay_beats", 1))));
            // brightness 1, .5, .25 (then .125 < .2 stops)
            assertThat(echoes.path("generated").asInt()).isEqualTo(3);
            ArrayNode rows = Json.array();
            view(client).get("cues").forEach(c -> {
                if (c.path("created_by").asText().equals("parcan_echoes")) {
                    rows.add(c);
                }
            });
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).get("time").asDouble()).isEqualTo(1.0);
            assertThat(rows.get(1).get("time").asDouble()).isEqualTo(1.5);
            assertThat(rows.get(0).get("fixture_id").asText()).isEqualTo("parcan_l");
            assertThat(rows.get(1).get("fixture_id").asText()).isEqualTo("parcan_r");
            assertThat(rows.get(2).get("fixture_id").asText()).isEqualTo("parcan_l");
            assertThat(rows.get(1).at("/data/color").asText()).isEqualTo("#800000");
            assertThat(rows.get(2).at("/data/brightness").asDouble()).isEqualTo(0.25);
            assertThat(rows.get(0).get("duration").asDouble()).isEqualTo(0.125);

            JsonNode draft = ok(client.call("cue.apply_helper", Json.object().put("helper_id", "song_draft")));
            assertThat(draft.path("generated").asInt()).isPositive();
            Map<String, Set<Double>> byEffect = new TreeMap<>();
            view(client).get("cues").forEach(c -> {
                if (c.path("created_by").asText().equals("song_draft")) {
                    byEffect.computeIfAbsent(c.get("effect").asText(), e -> new HashSet<>())
                            .add(c.get("time").asDouble());
                }
            });
            // dark at 0; par flashes on every downbeat; the walk on the other beats; orbits every other bar
            assertThat(byEffect.get("blackout")).contains(0.0);
            assertThat(byEffect.get("flash")).contains(1.25, 3.25, 5.25, 7.25);
            assertThat(byEffect.get("full")).contains(0.25, 1.75, 2.25);
            assertThat(byEffect.get("orbit")).containsExactlyInAnyOrder(1.25, 3.25, 7.25);
        }
    }
}
