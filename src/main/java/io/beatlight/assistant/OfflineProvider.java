package io.beatlight.assistant;

/** The assistant with no model configured: the deterministic {@link CommandInterpreter}. */
public final class OfflineProvider implements AssistantProvider {
    @Override
    public String name() {
        return "offline";
    }

    @Override
    public void respond(Turn turn, Sink sink) {
        sink.status("thinking", "Reading the request");
        Interpretation result = CommandInterpreter.interpret(turn.show(), turn.prompt());
        // stream the reply a line at a time, as a model would
        for (String line : result.reply().split("(?<=\n)")) {
            if (turn.cancelled()) {
                return;
            }
            sink.delta(line);
        }
        if (result.proposal() != null && !turn.cancelled()) {
            sink.propose(result.proposal());
        }
    }
}
