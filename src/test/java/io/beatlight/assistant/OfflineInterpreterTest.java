package io.beatlight.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.TestServer;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowView;
import io.beatlight.tools.WriteTools;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The offline assistant against the bundled demo show: every request of the table
 * ({@code src/test/resources/assistant/interpreter-table.json}) gives exactly the tool and cue rows (or the answer)
 * listed there. {@code InterpreterTableWriter} regenerates the table for review when the grammar grows.
 */
@Tag("server")
class OfflineInterpreterTest {
    static BeatlightServer server;
    static ShowView demo;

    @BeforeAll
    static void demoShow() throws Exception {
        Path dir = Files.createTempDirectory("beatlight-interpreter");
        server = TestServer.start(dir, 16999);
        demo = server.engine().submit(() -> ShowView.of(server.engine())).get();
        assertThat(demo.songId()).isEqualTo("Beatlight Demo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> table() throws Exception {
        JsonNode table = JsonFiles.read(Path.of("src/test/resources/assistant/interpreter-table.json"));
        List<Arguments> rows = new ArrayList<>();
        table.forEach(row -> rows.add(Arguments.of(row.get("prompt").asText(), row)));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void requestGivesTheExpectedRows(String prompt, JsonNode expected) {
        Interpretation result = CommandInterpreter.interpret(demo, prompt);
        if (expected.has("tool")) {
            assertThat(result.proposal()).as("a proposal for '%s'; reply: %s", prompt, result.reply()).isNotNull();
            assertThat(result.proposal().toolName()).isEqualTo(expected.get("tool").asText());
            assertThat(result.proposal().arguments()).isEqualTo(expected.get("arguments"));
            assertThat(result.proposal().summary()).isNotBlank();
        } else {
            assertThat(result.proposal()).isNull();
            assertThat(result.reply()).isEqualTo(expected.get("reply").asText());
            assertThat(result.understood()).isEqualTo(expected.get("understood").asBoolean());
        }
    }

    @Test
    void everyProposedRowIsValidForTheShow() throws Exception {
        JsonNode table = JsonFiles.read(Path.of("src/test/resources/assistant/interpreter-table.json"));
        for (JsonNode row : table) {
            if (row.has("tool")) {
                // applying through the cue intents' validation succeeds (and is undone right after)
                String summary = server.engine().submit(() -> {
                    String s = WriteTools.apply(server.engine(), row.get("tool").asText(),
                            row.get("arguments").deepCopy());
                    server.engine().session().undo();
                    return s;
                }).get();
                assertThat(summary).as(row.get("prompt").asText()).isNotBlank();
            }
        }
    }

    @Test
    void draftsAWholeShowFromTheSongAndTheRig() throws Exception {
        long started = System.nanoTime();
        Interpretation result = CommandInterpreter.interpret(demo, "draft a show for this song");
        double ms = (System.nanoTime() - started) / 1e6;
        assertThat(ms).isLessThan(1000);
        Proposal draft = result.proposal();
        assertThat(draft.toolName()).isEqualTo("replace_cues_in_window");
        JsonNode entries = draft.arguments().get("entries");
        assertThat(entries.size()).isGreaterThan(60);
        List<String> effects = new ArrayList<>();
        entries.forEach(e -> effects.add(e.get("effect").asText()));
        // a look per section, accents, movement on the heads, an ending
        assertThat(effects).contains("fade_in", "flash", "strobe", "sweep", "move_to_poi", "fade_out");
        long colours = Stream.of(entries).flatMap(e -> {
            List<String> c = new ArrayList<>();
            e.forEach(r -> {
                if (r.get("effect").asText().equals("fade_in")) {
                    c.add(r.get("data").toString());
                }
            });
            return c.stream();
        }).distinct().count();
        assertThat(colours).isGreaterThanOrEqualTo(4);
        String summary = server.engine().submit(() -> {
            String s = WriteTools.apply(server.engine(), draft.toolName(), draft.arguments());
            server.engine().session().undo();
            return s;
        }).get();
        assertThat(summary).contains("added " + entries.size());
        assertThat(Json.write(draft.arguments())).doesNotContain("NaN");
    }
}
