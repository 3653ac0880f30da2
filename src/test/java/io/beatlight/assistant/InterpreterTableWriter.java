package io.beatlight.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.TestServer;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.beatlight.tools.ShowView;

/**
 * Writes the interpreter's current answers for a list of prompts as a table (JSON) to review and then keep as the
 * expected results of {@code OfflineInterpreterTest}. Not a test: a tool for growing the table.
 */
public final class InterpreterTableWriter {
    public static void main(String[] args) throws Exception {
        List<String> prompts = Files.readAllLines(Path.of(args[0]));
        Path dir = Files.createTempDirectory("interp");
        ArrayNode table = Json.array();
        try (BeatlightServer server = TestServer.start(dir, 16999)) {
            ShowView view = server.engine().submit(() -> ShowView.of(server.engine())).get();
            for (String prompt : prompts) {
                if (prompt.isBlank()) {
                    continue;
                }
                Interpretation r = CommandInterpreter.interpret(view, prompt);
                ObjectNode row = table.addObject().put("prompt", prompt);
                if (r.proposal() != null) {
                    row.put("tool", r.proposal().toolName());
                    row.set("arguments", r.proposal().arguments());
                } else {
                    row.put("reply", r.reply());
                    row.put("understood", r.understood());
                }
            }
        }
        Files.writeString(Path.of(args[1]), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(table));
    }
}
