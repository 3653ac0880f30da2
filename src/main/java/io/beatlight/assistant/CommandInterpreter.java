package io.beatlight.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.assistant.CuePlacement.Placement;
import io.beatlight.assistant.EffectRequests.EffectRequest;
import io.beatlight.assistant.EffectRequests.Fixtures;
import io.beatlight.assistant.EffectRequests.Parameters;
import io.beatlight.assistant.TargetReader.Targets;
import io.beatlight.tools.CueRows;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowDrafter;
import io.beatlight.tools.ShowView;
import io.beatlight.tools.ShowView.FixtureInfo;
import io.beatlight.util.Json;
import java.util.List;
import java.util.Optional;

/**
 * The assistant without a model: a deterministic reading of plain-English lighting requests (the grammar is in the
 * README). It answers questions about the song and turns requests into the same proposals a model would make.
 * The request is read in parts: {@link Questions}, the "when" ({@link TimeReader}), the "who" and "what"
 * ({@link TargetReader}) and the effect ({@link EffectRequests}); this class decides which kind of request it is.
 */
public final class CommandInterpreter {
    private final Prompt prompt;
    private final ShowView show;
    private final TimeReader when;
    private final TargetReader who;

    private CommandInterpreter(Prompt prompt) {
        this.prompt = prompt;
        this.show = prompt.show();
        this.when = new TimeReader(prompt);
        this.who = new TargetReader(prompt);
    }

    public static Interpretation interpret(ShowView show, String prompt) {
        if (show.songId() == null) {
            return Interpretation.answer("No song is loaded. Pick a song first, then ask again.");
        }
        return new CommandInterpreter(Prompt.of(show, prompt)).run();
    }

    /** Questions first, then a whole-show draft, a clear, a chaser, and last the effect requests. */
    private Interpretation run() {
        Optional<Interpretation> question = Questions.answer(prompt);
        if (question.isPresent()) {
            return question.get();
        }
        if (prompt.has("draft|program|create|build|make|design") && prompt.has("show|light show|whole song")) {
            Proposal draft = ShowDrafter.draft(show);
            return Interpretation.propose(draft.summary(), draft);
        }
        // "clear blue" is a colour, not a removal
        if (prompt.has("clear|remove|delete|erase|wipe") && !prompt.has("clear blue|clear white")) {
            return clear();
        }
        Optional<String> chaser = who.chaser();
        if (chaser.isPresent()) {
            return applyChaser(chaser.get());
        }
        EffectRequests requests = new EffectRequests(prompt, who);
        Optional<EffectRequest> effect = requests.asked();
        if (effect.isEmpty()) {
            return Interpretation.notUnderstood(Questions.help("I did not understand that."));
        }
        return effectRequest(requests, effect.get());
    }

    /**
     * An effect on the targets that can do it, in the window the request names. Refusals come in this order: no
     * fixture can do it, the window is past the song's end, the parameters cannot be met, no beats in the window.
     */
    private Interpretation effectRequest(EffectRequests requests, EffectRequest request) {
        String effect = request.effect();
        List<FixtureInfo> targets = who.targets().fixtures();
        List<FixtureInfo> able = targets.stream().filter(f -> f.supports(effect)).toList();
        if (able.isEmpty()) {
            return Interpretation.answer("None of " + Wording.names(targets) + " can do " + effect.replace('_', ' ')
                    + ". Fixtures that can: " + Wording.names(show.fixtures().stream()
                    .filter(f -> f.supports(effect)).toList()) + ".");
        }
        Window w = when.window();
        if (w.start() > show.lengthS() + 1e-6) {
            return Interpretation.answer(ShowView.clock(w.start()) + " is past the end of the song ("
                    + ShowView.clock(show.lengthS()) + ").");
        }
        Optional<List<Double>> pattern = when.pattern(w);
        Parameters parameters = requests.parameters(request, new Fixtures(targets, able));
        if (parameters.refusal() != null) {
            return Interpretation.answer(parameters.refusal());
        }
        CuePlacement placement = new CuePlacement(show, when);
        Placement cues = pattern.isPresent() ? placement.onPattern(effect, parameters, w, pattern.get())
                : placement.once(effect, parameters, w);
        if (cues.entries().isEmpty()) {
            return Interpretation.answer("That window (" + w.label() + ") has no beats to put cues on.");
        }
        return CuePlacement.propose(effect, parameters, cues);
    }

    /** Removes the cues of the named fixtures (all cues when none are named) in the window. */
    private Interpretation clear() {
        Targets targets = who.targets();
        Window w = clearWindow();
        double end = w.point() ? w.start() + when.length(w.start()).orElse(0.0) : w.end();
        boolean toEnd = end >= show.lengthS() - 1e-6;
        ObjectNode args = Json.object().put("start_time", CueRows.round(w.start())).put("end_time", CueRows.round(end));
        boolean all = !targets.explicit() || prompt.has("everything|all lights|all fixtures|all cues|all the cues"
                + "|every cue");
        if (!all) {
            ArrayNode ids = args.putArray("fixture_ids");
            targets.fixtures().forEach(f -> ids.add(f.id()));
        }
        args.putArray("entries");
        String whose = all ? "all cues" : "the cues of " + Wording.names(targets.fixtures());
        String summary = "Remove " + whose + " " + w.label() + " (" + ShowView.clock(w.start()) + "–"
                + ShowView.clock(end) + (toEnd ? ", to the end" : "") + ").";
        return Interpretation.propose("I propose: " + summary + " Accept to apply it; it can be undone.",
                new Proposal("replace_cues_in_window", args, "Clear cues", summary));
    }

    /** "clear all cues" with no time, bar or section means the whole song, not the playhead. */
    private Window clearWindow() {
        if (prompt.has("all cues|every cue|all the cues|everything|whole song|entire song")
                && !when.namesClockBarOrSection()) {
            return new Window(0, show.lengthS(), false, "in the whole song");
        }
        return when.window();
    }

    private Interpretation applyChaser(String id) {
        Window w = when.window();
        int reps = when.repetitions();
        ObjectNode args = Json.object().put("chaser_id", id).put("start_time", CueRows.round(w.start()))
                .put("repetitions", reps);
        String summary = "Apply chaser " + id + " " + w.label() + (reps > 1 ? ", " + reps + " times" : "") + ".";
        return Interpretation.propose("I propose: " + summary, new Proposal("apply_chaser", args,
                "Apply chaser " + id, summary));
    }
}
