package io.beatlight.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.intents.ChaserIntents;
import io.beatlight.api.intents.ClockIntents;
import io.beatlight.api.intents.MasterIntents;
import io.beatlight.api.midi.MidiControl;
import io.beatlight.api.midi.MidiIntents;
import io.beatlight.api.intents.CueIntents;
import io.beatlight.api.intents.FixtureIntents;
import io.beatlight.api.intents.FseqIntents;
import io.beatlight.api.intents.IntentRegistry;
import io.beatlight.api.intents.LibraryIntents;
import io.beatlight.api.intents.LlmIntents;
import io.beatlight.api.intents.PoiIntents;
import io.beatlight.api.intents.RigIntents;
import io.beatlight.api.intents.SongIntents;
import io.beatlight.api.intents.TransportIntents;
import io.beatlight.api.intents.assistant.Conversations;
import io.beatlight.api.ws.Broadcaster;
import io.beatlight.api.ws.ClientConnection;
import io.beatlight.api.ws.ClientHub;
import io.beatlight.api.ws.LiveFeed;
import io.beatlight.api.ws.LiveIntents;
import io.beatlight.api.ws.Outbound;
import io.beatlight.api.ws.ProtocolHandler;
import io.beatlight.assistant.AssistantLog;
import io.beatlight.assistant.OfflineProvider;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.ShowFolders;
import io.beatlight.playback.FrameSource;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.StateDocument;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * The /ws message layer in-process: the real {@link ProtocolHandler}, intent registry, validation and show engine on a
 * throw-away show folder (the reference rig and one song), with a fake wire capturing what the client would receive.
 * Real-socket behaviour is covered by the server tests.
 *
 * <p>An input whose first line is a registered intent name is that intent with the rest of the input as its payload
 * text; any other input is sent as the whole message (envelope fuzzing). Invariants, per message: exactly one reply;
 * {@code ok: true} or a documented {@link ErrorCode}, never {@code internal_error}; a rejected request changes no file
 * of the show folder and nothing in the state document; after an accepted one every show file still loads.
 */
class ProtocolFuzzTest {
    private static final Set<String> CODES = documentedCodes();
    /** Parts of the state that move on their own (clock, playhead, output levels, assistant and analysis progress). */
    private static final Set<String> MOVING_KEYS = Set.of("system", "playback", "analyzer");

    private static final Path SHOW = FuzzFiles.tempDir("beatlight-fuzz-ws");
    private static final Wire WIRE = new Wire();
    private static final AtomicReference<FrameSource> PUBLISHED = new AtomicReference<>();
    private static final LiveFeed LIVE = new LiveFeed(PUBLISHED::get);
    private static final IntentRegistry REGISTRY = new IntentRegistry();
    private static final AtomicLong REQUESTS = new AtomicLong();
    // set up on first use, not in the static initialiser: the engine thread runs this class's lambdas, which would
    // wait for the class initialisation that waits for them
    private static ShowEngine ENGINE;
    private static StateDocument DOCUMENT;
    private static ProtocolHandler PROTOCOL;
    private static ClientConnection CLIENT;
    private static LlmIntents ASSISTANT;

    private static synchronized void setUpOnce() {
        if (ENGINE != null) {
            return;
        }
        try {
            TestShow.withReferenceRig(SHOW).song("Song", 4, 120, "{\"intro\": [0, 2], \"verse\": [2, 4]}");
            copyDemoChasers();
            // files are written atomically as in the server, without waiting for the disk: a crash is not what this
            // test is about, and a flush per accepted edit would slow fuzzing down tenfold
            ENGINE = new ShowEngine(ShowFolders.of(SHOW), PUBLISHED::set, channel -> { });
            on(ENGINE::loadRig);
            on(() -> {
                ENGINE.songLoader().load("Song");
                return null;
            });
            DOCUMENT = new StateDocument(f -> StateDocument.supportedEffects(ENGINE.effects(), f,
                    ENGINE.session().renderVersion()));
            ClientHub hub = new ClientHub();
            Broadcaster broadcaster = new Broadcaster(ENGINE, hub, DOCUMENT);
            ENGINE.setListener(broadcaster);
            ASSISTANT = new LlmIntents(ENGINE, broadcaster, new OfflineProvider(),
                    new AssistantLog(SHOW.resolve("logs").resolve("assistant.jsonl")));
            // every intent of BeatlightServer.intents() but outputs.reload, which belongs to the server's output loop
            TransportIntents.register(REGISTRY);
            ClockIntents.register(REGISTRY);
            FixtureIntents.register(REGISTRY);
            PoiIntents.register(REGISTRY);
            SongIntents.register(REGISTRY);
            CueIntents.register(REGISTRY);
            FseqIntents.register(REGISTRY);
            ChaserIntents.register(REGISTRY);
            LibraryIntents.register(REGISTRY);
            RigIntents.register(REGISTRY);
            LiveIntents.register(REGISTRY, LIVE);
            ASSISTANT.register(REGISTRY);
            // MIDI control and the master, without a MIDI input (none is configured)
            MidiControl midi = new MidiControl(ENGINE, REGISTRY, broadcaster, List::of, null, SHOW);
            MidiIntents.register(REGISTRY, midi);
            MasterIntents.register(REGISTRY);
            DOCUMENT.withSection("master", e -> MasterIntents.state(e.master())).withSection("midi", e -> midi.state());
            PROTOCOL = new ProtocolHandler(ENGINE, hub, broadcaster, REGISTRY);
            PROTOCOL.onClose(ASSISTANT::connectionClosed);
            CLIENT = new ClientConnection(WIRE, 4096, 64L * 1024 * 1024, 1_000_000);
            PROTOCOL.opened(CLIENT);
            on(() -> null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the show for fuzzing", e);
        }
    }

    private static void copyDemoChasers() throws IOException {
        Path chasers = Files.createDirectories(SHOW.resolve("chasers"));
        for (String name : List.of("par_left_to_right", "pars_ping_pong", "heads_alternate_strobe")) {
            try (var in = ProtocolFuzzTest.class.getResourceAsStream("/demo-show/chasers/" + name + ".json")) {
                Files.copy(java.util.Objects.requireNonNull(in, name), chasers.resolve(name + ".json"));
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        if (ENGINE == null) {
            return;
        }
        PROTOCOL.closed(CLIENT);
        ASSISTANT.close();
        LIVE.close();
        ENGINE.close();
        FuzzFiles.delete(SHOW);
    }

    @FuzzTest(maxDuration = "1m")
    void message(byte[] input) throws Exception {
        setUpOnce();
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String name = newline < 0 ? null : text.substring(0, newline);
        String message;
        String reqId = "fuzz-" + REQUESTS.incrementAndGet();
        if (name != null && REGISTRY.find(name).isPresent()) {
            message = "{\"type\":\"intent\",\"req_id\":\"" + reqId + "\",\"name\":"
                    + Json.MAPPER.writeValueAsString(name) + ",\"payload\":" + text.substring(newline + 1) + "}";
        } else {
            message = text;
        }
        Map<String, String> filesBefore = fileHashes();
        JsonNode stateBefore = stableState();
        WIRE.received.clear();

        PROTOCOL.received(CLIENT, message);
        List<JsonNode> replies = awaitReplies();
        assertThat(WIRE.closedWith).as("connection closed after %s", message).isNull();

        assertThat(replies).as("replies to %s", message).hasSizeLessThanOrEqualTo(1);
        if (replies.isEmpty()) {
            // a hello is answered with a snapshot, not a reply
            assertThat(WIRE.received).as("answer to %s", message).anyMatch(m -> m.path("type").asText()
                    .equals("snapshot"));
            assertThat(fileHashes()).isEqualTo(filesBefore);
            return;
        }
        JsonNode reply = replies.get(0);
        if (reply.path("ok").asBoolean()) {
            awaitAnalysisDone();
            assertShowLoads();
            return;
        }
        String code = reply.path("error").path("code").asText();
        assertThat(code).as("error code of %s", reply).isIn(CODES).isNotEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(fileHashes()).as("files after rejected %s", message).isEqualTo(filesBefore);
        assertThat(stableState()).as("state after rejected %s", message).isEqualTo(stateBefore);
    }

    /** The replies to one message: the engine runs messages in order, so once it is idle the reply has been queued. */
    private static List<JsonNode> awaitReplies() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<JsonNode> replies = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            on(() -> null);
            replies.clear();
            WIRE.received.stream().filter(m -> m.path("type").asText().equals("reply")).forEach(replies::add);
            boolean snapshot = WIRE.received.stream().anyMatch(m -> m.path("type").asText().equals("snapshot"));
            if (!replies.isEmpty() || snapshot) {
                // a reply waiting for a file write or a render comes later: give a second one the chance to appear
                on(() -> null);
                return WIRE.received.stream().filter(m -> m.path("type").asText().equals("reply")).toList();
            }
            Thread.sleep(1);
        }
        return replies;
    }

    private static void awaitAnalysisDone() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (on(() -> ENGINE.analysis().running()) != null) {
            assertThat(System.nanoTime()).as("song analysis still running").isLessThan(deadline);
            Thread.sleep(5);
        }
        on(() -> null);
    }

    /** Every show file the request may have written still loads without an error. */
    private static void assertShowLoads() throws IOException {
        Path fixtures = SHOW.resolve("fixtures");
        List<LoadProblem> rigErrors = RigLoader.load(fixtures).problems().stream()
                .filter(p -> p.severity() == LoadProblem.Severity.ERROR).toList();
        assertThat(rigErrors).as("rig problems").isEmpty();
        assertThat(PoiBook.load(fixtures.resolve(PoiBook.FILE)).book().writable()).isTrue();
        Path cues = SHOW.resolve("cues");
        if (Files.isDirectory(cues)) {
            try (Stream<Path> files = Files.list(cues)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    String name = file.getFileName().toString();
                    String song = name.endsWith(CueSheetFiles.OBJECT_SUFFIX)
                            ? name.substring(0, name.length() - CueSheetFiles.OBJECT_SUFFIX.length())
                            : name.substring(0, name.length() - CueSheetFiles.ARRAY_SUFFIX.length());
                    assertThat(CueSheetFiles.load(cues, song).sheet().unreadable()).as(name).isNull();
                }
            }
        }
        try (Stream<Path> all = Files.walk(SHOW)) {
            for (Path file : all.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).toList()) {
                try {
                    Json.MAPPER.readTree(file.toFile());
                } catch (JsonProcessingException e) {
                    throw new AssertionError(file + " is not valid JSON after an accepted request", e);
                }
            }
        }
    }

    /** The state document without the parts that move by themselves. */
    private static JsonNode stableState() throws Exception {
        ObjectNode state = on(() -> DOCUMENT.build(ENGINE));
        MOVING_KEYS.forEach(state::remove);
        state.path("fixtures").forEach(f -> {
            if (f.isObject()) {
                ((ObjectNode) f).remove(List.of("values", "output", "preview"));
            }
        });
        return state;
    }

    /** A SHA-256 of every file of the show folder, by path (the assistant's log is history, not show data). */
    private static Map<String, String> fileHashes() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(SHOW)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String relative = SHOW.relativize(file).toString();
                if (!relative.startsWith("logs")) {
                    hashes.put(relative, sha256(Files.readAllBytes(file)));
                }
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The codes of {@link ErrorCode} and the assistant's own (docs/protocol.md lists them all). */
    private static Set<String> documentedCodes() {
        Set<String> codes = new HashSet<>();
        codes.add(LlmIntents.ASSISTANT_BUSY);
        codes.add(Conversations.UNKNOWN_ACTION);
        codes.add(Conversations.ACTION_FAILED);
        codes.add(ClockIntents.CLOCK_EXTERNAL);
        codes.add(ClockIntents.CLOCK_UNAVAILABLE);
        for (Field field : ErrorCode.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    codes.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return codes;
    }

    private static <T> T on(Callable<T> task) throws Exception {
        return ENGINE.submit(task).get(20, TimeUnit.SECONDS);
    }

    /** The client's side of the socket: keeps every message, each write done at once. */
    private static final class Wire implements Outbound {
        final ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();

        @Override
        public void sendAsync(String text, Consumer<Throwable> done) {
            try {
                received.add(Json.MAPPER.readTree(text));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            done.accept(null);
        }

        volatile String closedWith;

        @Override
        public void close(int code, String reason) {
            closedWith = code + " " + reason;
        }

        @Override
        public String describe() {
            return "fuzz client";
        }
    }
}
