package io.beatlight.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowDrafter;
import io.beatlight.tools.ShowTools;
import io.beatlight.tools.ShowView;
import io.beatlight.util.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The assistant backed by any OpenAI-compatible chat-completions server (OpenAI, Ollama, llama.cpp, vLLM) through
 * LangChain4j: streamed replies, the show's read tools answered in a loop, write tools turned into proposals.
 * Cancellation stops the stream at once; failures become {@link AssistantFailure}s with stable codes.
 */
public final class OpenAiProvider implements AssistantProvider {
    private static final int MAX_ROUNDS = 8;
    /** Threads that run the model calls (see {@link #stream}); a call to a stalled server ends when it closes. */
    private static final ExecutorService STREAMS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "assistant-stream");
        thread.setDaemon(true);
        return thread;
    });

    private final StreamingChatModel model;
    private final String modelName;
    private final Duration timeout;
    private final List<ToolSpecification> tools;

    public OpenAiProvider(String baseUrl, String apiKey, String modelName, Duration timeout) {
        this.model = OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(modelName)
                .timeout(timeout).build();
        this.modelName = modelName;
        this.timeout = timeout;
        this.tools = ToolSchemas.specifications();
    }

    @Override
    public String name() {
        return "openai-compatible:" + modelName;
    }

    static String systemPrompt(ShowView show) {
        return "You are the lighting assistant of Beatlight, a show-control server that plays DMX light shows in "
                + "sync with songs. You program cue sheets: rows {time (s), fixture_id, effect, duration (s), data}. "
                + "Use the read tools to learn the song (sections, beats, bars) and the rig (fixtures, the effects "
                + "each supports with their parameter schemas, POIs) before proposing changes. Changes are made "
                + "only through the write tools; each becomes a proposal the user accepts or rejects, so call a "
                + "write tool once with all rows of a change. Keep answers short.\n"
                + String.format(Locale.ROOT, "Current loaded song: %s (%.1f s, %s BPM). Playhead at %.2f s.",
                show.songId(), show.lengthS(), show.bpm(), show.playheadS());
    }

    @Override
    public void respond(Turn turn, Sink sink) throws Exception {
        List<ChatMessage> messages = conversation(turn);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            sink.status("thinking", "Thinking");
            ChatResponse response = stream(turn, sink, messages);
            if (response == null) {
                return; // cancelled
            }
            if (response.finishReason() == FinishReason.CONTENT_FILTER) {
                throw new AssistantFailure("assistant_refused", "the model refused the request", false);
            }
            AiMessage reply = response.aiMessage();
            if (reply == null || !reply.hasToolExecutionRequests()) {
                return;
            }
            messages.add(reply);
            if (answerToolCalls(turn, sink, reply, messages)) {
                return; // the user decides; the conversation continues with their next prompt
            }
        }
        throw new AssistantFailure("assistant_loop", "the model kept calling tools without answering", false);
    }

    /** The system prompt, the earlier turns of the conversation and the new prompt. */
    private static List<ChatMessage> conversation(Turn turn) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(systemPrompt(turn.show())));
        for (ObjectNode m : turn.history()) {
            String content = m.path("content").asText();
            messages.add("assistant".equals(m.path("role").asText()) ? AiMessage.from(content)
                    : UserMessage.from(content));
        }
        messages.add(UserMessage.from(turn.prompt()));
        return messages;
    }

    /** What a tool call gives back to the model, and whether it proposed a change to the user. */
    private record ToolResult(String text, boolean proposed) {
    }

    /** Answers every tool call of the reply into the conversation; true when one of them proposed a change. */
    private boolean answerToolCalls(Turn turn, Sink sink, AiMessage reply, List<ChatMessage> messages)
            throws Exception {
        boolean proposed = false;
        for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
            ToolResult result = callTool(turn, sink, call);
            proposed |= result.proposed();
            messages.add(ToolExecutionResultMessage.from(call, result.text()));
        }
        return proposed;
    }

    /** A draft or a write tool becomes a proposal; a read tool is answered from the show. */
    private ToolResult callTool(Turn turn, Sink sink, ToolExecutionRequest call) throws Exception {
        ObjectNode arguments = arguments(call);
        if (call.name().equals("draft_show")) {
            Proposal draft = ShowDrafter.draft(turn.show());
            sink.propose(draft);
            sink.toolCalled(call.name(), arguments, Json.object().put("proposed", true));
            return new ToolResult("Proposed the draft (" + draft.arguments().path("entries").size()
                    + " cues) to the user.", true);
        }
        if (ShowTools.isWrite(call.name())) {
            sink.propose(WriteProposals.of(call.name(), arguments));
            sink.toolCalled(call.name(), arguments, Json.object().put("proposed", true));
            return new ToolResult("Proposed to the user; it applies only if they accept.", true);
        }
        if (ShowTools.DEFINITIONS.stream().anyMatch(d -> d.name().equals(call.name()))) {
            return new ToolResult(readTool(turn, sink, call.name(), arguments), false);
        }
        sink.toolCalled(call.name(), arguments, Json.object().put("error", "unknown tool"));
        return new ToolResult("{\"error\":\"unknown tool " + call.name() + "\"}", false);
    }

    /** A read tool's output as JSON; a tool that fails answers with its error, for the model to read. */
    private static String readTool(Turn turn, Sink sink, String name, ObjectNode arguments) throws Exception {
        sink.status("calling_tool", "Calling " + name);
        ObjectNode output;
        try {
            output = turn.readTool(name, arguments);
        } catch (ExecutionException e) {
            output = Json.object().put("error", String.valueOf(e.getCause().getMessage()));
        }
        sink.toolCalled(name, arguments, output);
        return Json.write(output);
    }

    /** One streamed model call: deltas go to the sink; null when cancelled. */
    private ChatResponse stream(Turn turn, Sink sink, List<ChatMessage> messages) throws Exception {
        StreamedReply reply = new StreamedReply(turn, sink);
        ChatRequest request = ChatRequest.builder().messages(messages).toolSpecifications(tools).build();
        // The HTTP client reads the event stream on the calling thread when the response headers are already in
        // by the time it attaches its reader; a server that then stalls would hold this thread past the timeout.
        // Started on its own thread, the call can never keep await() from enforcing the timeout and the cancel.
        Future<?> call = STREAMS.submit(() -> {
            try {
                model.chat(request, reply);
            } catch (RuntimeException | Error e) {
                reply.onError(e);
            }
        });
        boolean answered = false;
        try {
            ChatResponse response = reply.await(timeout);
            answered = response != null;
            return response;
        } finally {
            if (!answered) {
                call.cancel(true);
            }
        }
    }

    private static ObjectNode arguments(ToolExecutionRequest call) throws AssistantFailure {
        String text = call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // reported below
        }
        throw new AssistantFailure("malformed_tool_call", "the model called " + call.name()
                + " with arguments that are not a JSON object: " + abbreviate(text), true);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
