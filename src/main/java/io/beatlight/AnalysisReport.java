package io.beatlight;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.song.PartKeys;
import io.beatlight.song.Section;
import io.beatlight.song.analysis.SongAnalyzer;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code beatlight analyze} prints: a block of text per file, or one JSON document for all files. Times are in
 * seconds, to the millisecond as in the metadata files; sections are named as their keys in {@code parts}.
 */
final class AnalysisReport {
    private AnalysisReport() {
    }

    /** One file's outcome: its analysis and the files written, or the error (then {@code result} is null). */
    record FileAnalysis(Path file, String songId, SongAnalyzer.Result result, List<Path> written, String error) {
        static FileAnalysis failed(Path file, String songId, String error) {
            return new FileAnalysis(file, songId, null, List.of(), error);
        }
    }

    static String text(FileAnalysis a) {
        SongAnalyzer.Result r = a.result();
        StringBuilder text = new StringBuilder();
        text.append(a.file()).append('\n');
        line(text, "tempo", String.format(Locale.ROOT, "%.1f BPM", r.bpm()));
        line(text, "metre", r.beatsPerBar() + " beats per bar");
        line(text, "beats", String.valueOf(r.beats().size()));
        line(text, "first downbeat", r.downbeats().isEmpty() ? "none" : seconds(r.downbeats().get(0)));
        line(text, "length", seconds(r.lengthSeconds()));
        List<Section> sections = r.sections();
        List<String> names = PartKeys.of(sections);
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        line(text, "sections", String.valueOf(sections.size()));
        for (int i = 0; i < sections.size(); i++) {
            text.append(String.format(Locale.ROOT, "    %-" + width + "s  %9.3f - %9.3f s%n", names.get(i),
                    round(sections.get(i).startS()), round(sections.get(i).endS())));
        }
        for (Path file : a.written()) {
            line(text, "written", file.toString());
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-15s %s%n", label, value));
    }

    private static String seconds(double t) {
        return String.format(Locale.ROOT, "%.3f s", round(t));
    }

    /** {@code {"files": [...]}}, one entry per file in the order given. */
    static String json(List<FileAnalysis> analyses) {
        ObjectNode root = Json.object();
        ArrayNode files = root.putArray("files");
        for (FileAnalysis a : analyses) {
            ObjectNode entry = files.addObject().put("file", a.file().toString()).put("song", a.songId());
            if (a.error() != null) {
                entry.put("ok", false).put("error", a.error());
                continue;
            }
            SongAnalyzer.Result r = a.result();
            entry.put("ok", true).put("length_s", round(r.lengthSeconds())).put("bpm", round(r.bpm()))
                    .put("beats_per_bar", r.beatsPerBar()).put("beat_count", r.beats().size());
            entry.set("first_downbeat_s", r.downbeats().isEmpty() ? Json.NODES.nullNode()
                    : Json.number(round(r.downbeats().get(0))));
            ArrayNode sections = entry.putArray("sections");
            List<String> names = PartKeys.of(r.sections());
            for (int i = 0; i < names.size(); i++) {
                Section s = r.sections().get(i);
                sections.addObject().put("name", names.get(i)).put("start_s", round(s.startS()))
                        .put("end_s", round(s.endS()));
            }
            ArrayNode beats = entry.putArray("beats");
            r.beats().forEach(t -> beats.add(round(t)));
            ArrayNode downbeats = entry.putArray("downbeats");
            r.downbeats().forEach(t -> downbeats.add(round(t)));
            ArrayNode written = entry.putArray("written");
            a.written().forEach(p -> written.add(p.toString()));
        }
        return Json.write(root);
    }

    /** Milliseconds, ties to even, as the metadata files store times. */
    private static double round(double seconds) {
        return Math.rint(seconds * 1000) / 1000;
    }
}
