package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while edits are being saved, again and again: the real server runs as a child process, a client
 * edits cue rows, POIs, sections and the patch over a real WebSocket, and the process is killed (SIGKILL) at a random
 * moment. After every kill each show file must load with the product's loaders and hold either the version of the
 * last acknowledged edit or that of an edit in flight (never torn, never mixed), every {@code .bak} must load and be
 * an earlier version, no stray temporary file may be left, and the restarted server must show what the files hold.
 *
 * <p>Longer run: {@code mvn -o test -Dtest=CrashSafetyTest -Dbeatlight.crash.kills=500} (and
 * {@code -Dbeatlight.crash.seed=N} to replay a run; the seed is printed).
 */
@Tag("server")
class CrashSafetyTest {
    static final int KILLS = Integer.getInteger("beatlight.crash.kills", 50);
    /** Edits sent before waiting for a reply: several saves are queued when the kill comes. */
    static final int WINDOW = 4;
    /**
     * The temporary files {@code util.AtomicFiles} writes before renaming ({@code .<name>.<digits>.tmp}). A kill
     * between creating one and renaming it leaves it behind; start-up cleanup of exactly these is added separately,
     * so they are tolerated (and counted) here. Any other leftover fails the test.
     */
    static final Pattern ATOMIC_TEMP = Pattern.compile("\\..+\\.\\d+\\.tmp");

    @TempDir
    Path dir;

    @Test
    void everyShowFileIsTheOldOrTheNewVersionAfterEveryKill() throws Exception {
        long seed = Long.getLong("beatlight.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        long testStart = System.nanoTime();
        Path jvmDir = Files.createDirectories(dir.resolve("jvm"));
        FastServerJvm jvm = new FastServerJvm(jvmDir);
        TestShow show = TestShow.withReferenceRig(dir.resolve("show")).song(ShowFileModel.SONG, 10, 120, "{}");
        Map<String, byte[]> templates = templates(show);
        ShowEdits edits = new ShowEdits(random, readAll(show.root()));
        Figures figures = new Figures();
        try (ArtNetReceiver sink = new ArtNetReceiver()) {
            Map<String, String> env = Map.of("BEATLIGHT_SHOW_DIR", show.root().toString(), "BEATLIGHT_PORT", "0",
                    "BEATLIGHT_ARTNET_TARGETS", "127.0.0.1:" + sink.port(), "BEATLIGHT_ARTNET_LISTEN_PORT", "0",
                    "BEATLIGHT_ARTNET_SOURCE_PORT", "0", "BEATLIGHT_FPS", "10", "BEATLIGHT_REALTIME_OUTPUT", "false",
                    "BEATLIGHT_LOG_LEVEL", "warn");
            // run 0 stops with SIGTERM (its JVM writes the class-data archive on exit); runs 1..KILLS are killed;
            // the last run only checks that the show loads
            for (int run = 0; run <= KILLS + 1; run++) {
                ServerProcess server = ServerProcess.start(jvm.classPath(), jvm.options(), env);
                try {
                    int port = server.awaitReady(Duration.ofSeconds(60));
                    long startup = (System.nanoTime() - server.startedNanos) / 1_000_000;
                    if (run == 0) {
                        figures.firstStartupMillis = startup;
                    } else {
                        figures.startupMillis.add(startup);
                    }
                    try (WsTestClient client = WsTestClient.connect(port)) {
                        // the restarted server loads the show as the files hold it
                        JsonNode state = client.firstSnapshot().get("state");
                        assertThat(ShowEdits.fromState(state)).as("what the restarted server shows, seed %d", seed)
                                .isEqualTo(withoutAbsent(readAll(show.root())));
                        if (run > KILLS) {
                            break;
                        }
                        editUntil(client, edits, System.nanoTime() + random.nextInt(400) * 1_000_000L, figures,
                                seed);
                        if (run == 0) {
                            server.terminate();
                        } else {
                            if (edits.inFlight() > 0) {
                                figures.killsWithEditsInFlight++;
                            }
                            server.close(); // SIGKILL
                            figures.kills++;
                        }
                        server.awaitExit(Duration.ofSeconds(30));
                    }
                } catch (AssertionError | Exception e) {
                    throw new AssertionError(e.getMessage() + "\nserver output:\n" + server.output(), e);
                } finally {
                    server.close();
                }
                checkFiles(show, edits, templates, figures, "run " + run + " (seed " + seed + ")");
            }
        }
        long totalMillis = (System.nanoTime() - testStart) / 1_000_000;
        long[] sorted = figures.startupMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        // any torn, mixed or unparseable file has failed the test before this line
        System.out.printf("crash-safety: seed %d, %d kill -9 (%d with edits in flight), %d edits sent, %d "
                        + "acknowledged, %d files checked (%d newer than their last acknowledged edit), %d .bak checked, "
                        + "torn/mixed/unparseable 0, %d AtomicFiles temp files left, child start-up to ready: first "
                        + "%d ms (writes the class-data archive), then median %d ms, max %d ms (%s), total %.1f s%n",
                seed, figures.kills, figures.killsWithEditsInFlight, figures.sent, figures.acknowledged,
                figures.filesChecked, figures.newerThanAcknowledged, figures.backupsChecked, figures.temps,
                figures.firstStartupMillis, sorted[sorted.length / 2], sorted[sorted.length - 1],
                jvm.hasArchive() ? "archive mapped" : "no archive was written", totalMillis / 1000.0);
        assertThat(figures.kills).isEqualTo(KILLS);
    }

    /** What the run counted, for the summary line. */
    static final class Figures {
        final List<Long> startupMillis = new ArrayList<>();
        long firstStartupMillis;
        int kills;
        int killsWithEditsInFlight;
        int sent;
        int acknowledged;
        int filesChecked;
        int backupsChecked;
        int newerThanAcknowledged;
        int temps;
    }

    /** Sends random edits, {@link #WINDOW} at a time, and records their replies until {@code deadline}. */
    static void editUntil(WsTestClient client, ShowEdits edits, long deadline, Figures figures, long seed)
            throws InterruptedException {
        Map<String, ShowEdits.Edit> waiting = new HashMap<>();
        int scanned = 0;
        while (System.nanoTime() < deadline) {
            while (waiting.size() < WINDOW) {
                ShowEdits.Edit edit = edits.next();
                waiting.put(client.intent(edit.intent(), edit.payload()), edit);
                figures.sent++;
            }
            List<JsonNode> messages = client.messages();
            for (; scanned < messages.size(); scanned++) {
                JsonNode m = messages.get(scanned);
                ShowEdits.Edit edit = "reply".equals(m.path("type").asText())
                        ? waiting.remove(m.path("req_id").asText()) : null;
                if (edit != null) {
                    assertThat(m.path("ok").asBoolean()).as("%s %s → %s (seed %d)", edit.intent(), edit.payload(),
                            m, seed).isTrue();
                    edits.acknowledge(edit);
                    figures.acknowledged++;
                }
            }
            Thread.sleep(1);
        }
    }

    /** Every file is the old or a new version and loads; its .bak is an earlier version; templates are untouched. */
    static void checkFiles(TestShow show, ShowEdits edits, Map<String, byte[]> templates, Figures figures,
                           String when) throws Exception {
        Map<ShowFileModel, SortedMap<String, String>> found = new EnumMap<>(ShowFileModel.class);
        for (ShowFileModel file : ShowFileModel.values()) {
            SortedMap<String, String> version = file.read(file.in(show.root()));
            List<SortedMap<String, String>> allowed = edits.allowed(file);
            assertThat(allowed).as("%s after %s; edits:%n%s", file.relative, when, edits.journal(file))
                    .contains(version);
            if (!version.equals(allowed.get(0))) {
                figures.newerThanAcknowledged++;
            }
            found.put(file, version);
            figures.filesChecked++;
            Path backup = file.in(show.root()).resolveSibling(file.in(show.root()).getFileName() + ".bak");
            if (Files.exists(backup)) {
                assertThat(edits.everHeld(file, file.read(backup))).as("%s is an earlier version", backup).isTrue();
                figures.backupsChecked++;
            }
        }
        for (Map.Entry<String, byte[]> template : templates.entrySet()) {
            assertThat(Files.readAllBytes(Path.of(template.getKey()))).as(template.getKey())
                    .isEqualTo(template.getValue());
        }
        figures.temps = leftoverTemps(show.root());
        edits.restartedWith(found);
    }

    static Map<ShowFileModel, SortedMap<String, String>> readAll(Path show) throws Exception {
        Map<ShowFileModel, SortedMap<String, String>> out = new EnumMap<>(ShowFileModel.class);
        for (ShowFileModel file : ShowFileModel.values()) {
            out.put(file, file.read(file.in(show)));
        }
        return out;
    }

    /** The server shows a missing cue sheet as an empty one. */
    static Map<ShowFileModel, SortedMap<String, String>> withoutAbsent(
            Map<ShowFileModel, SortedMap<String, String>> files) {
        Map<ShowFileModel, SortedMap<String, String>> out = new EnumMap<>(files);
        out.replaceAll((file, version) -> version == ShowFileModel.ABSENT ? new java.util.TreeMap<>() : version);
        return out;
    }

    static Map<String, byte[]> templates(TestShow show) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> files = Files.list(show.fixtures())) {
            for (Path p : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith("fixture."))
                    ::iterator) {
                out.put(p.toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** Fails on any temporary file but AtomicFiles' own pattern; returns how many of those there are. */
    static int leftoverTemps(Path show) throws Exception {
        int count = 0;
        try (Stream<Path> files = Files.walk(show)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = p.getFileName().toString();
                if (ATOMIC_TEMP.matcher(name).matches()) {
                    count++;
                } else {
                    assertThat(name).as("stray file %s", p).doesNotContain(".tmp").doesNotStartWith(".")
                            .doesNotEndWith("~");
                }
            }
        }
        return count;
    }
}
