package io.beatlight.engine;

import java.util.List;

/**
 * What the engine tells the control plane about changes it makes on its own: a song dropped into the folder, an
 * analysis running in the background, the song or a preview reaching its end. Published on the engine thread; the
 * control plane decides how each one reaches the clients.
 */
public sealed interface ShowEvent {
    /** The one state-changed event, published up to 60 times a second while playing. */
    StateChanged STATE_CHANGED = new StateChanged();

    /** Show state changed; a (throttled) broadcast of the state should follow. */
    record StateChanged() implements ShowEvent {
    }

    /** The songs folder lists different songs now. */
    record SongListChanged(List<String> songIds) implements ShowEvent {
    }

    /** A background analysis reached another whole percent. */
    record AnalysisProgress(String songId, int percent) implements ShowEvent {
    }

    /** A background analysis finished and its metadata file was written; the section names are its keys there. */
    record AnalysisDone(String songId, double bpm, int beatsPerBar, int beatCount, List<String> sectionNames)
            implements ShowEvent {
    }

    /** A background analysis failed; {@code error} is the exception's message (may be null). */
    record AnalysisFailed(String songId, String error) implements ShowEvent {
    }

    record AnalysisCancelled(String songId) implements ShowEvent {
    }

    /** Playback ran to the end of the song; {@code songId} is null when no song is loaded. */
    record SongEnded(String songId) implements ShowEvent {
    }

    /** A preview clip played out to its natural end. */
    record PreviewFinished(Preview preview) implements ShowEvent {
    }

    /**
     * A file write failed on the persistence thread: the file keeps its previous content, memory keeps the newer state
     * and the next write of that file retries.
     */
    record WriteFailed(String file, String error) implements ShowEvent {
    }
}
