package io.beatlight.show.fseq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.show.Canvas;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;

/** A show to export and the checks of an exported file against the canvas, for the export, intent and CLI tests. */
public final class FseqChecks {
    private FseqChecks() {
    }

    /** A 10 s song whose sheet changes the look often: a flash, a fade, a strobe and a full on two universes. */
    public static void writeShow(Path root, boolean secondUniverse) throws Exception {
        TestShow.withReferenceRig(root).song("Song", 10, 120, null);
        if (secondUniverse) {
            Path fixtures = root.resolve("fixtures/fixtures.json");
            ArrayNode rows = (ArrayNode) Json.MAPPER.readTree(Files.readString(fixtures));
            rows.forEach(row -> {
                if (row.get("id").asText().equals("parcan_pr")) {
                    ((ObjectNode) row).put("universe", 5).put("base_channel", 1);
                }
            });
            Files.writeString(fixtures, Json.write(rows));
        }
        ArrayNode entries = Json.array();
        entries.add(row(1.0, "parcan_l", "flash", 0.5));
        entries.add(row(2.0, "parcan_r", "fade_in", 3.0));
        entries.add(row(5.5, "parcan_l", "strobe", 2.0).set("data", Json.object().put("rate", 7)));
        entries.add(row(7.0, "parcan_pr", "full", 2.5));
        ObjectNode sheet = Json.object().put("song_filename", "Song");
        sheet.set("entries", entries);
        Files.createDirectories(root.resolve("cues"));
        Files.writeString(root.resolve("cues/Song.cue.json"), Json.write(sheet));
    }

    private static ObjectNode row(double time, String fixture, String effect, double duration) {
        ObjectNode row = Json.object().put("time", time).put("fixture_id", fixture).put("effect", effect)
                .put("duration", duration);
        row.putObject("data");
        return row;
    }

    /**
     * Checks every header field of {@code file} and that frame n holds the canvas's frame for song time n × step,
     * universe by universe at the documented channels.
     */
    public static FseqReader checkAgainstCanvas(byte[] file, Canvas canvas, double songLength, int stepMs,
                                         FseqCompression compression, String mediaFile) throws Exception {
        FseqReader fseq = FseqReader.read(file);
        UniverseLayout layout = canvas.layout();
        assertThat(fseq.magic).isEqualTo("PSEQ");
        assertThat(fseq.majorVersion).isEqualTo(2);
        assertThat(fseq.minorVersion).isZero();
        assertThat(fseq.channelCount).isEqualTo(layout.count() * 512L);
        long expectedFrames = Math.max(1, (long) Math.ceil(Math.round(songLength * 1000) / (double) stepMs));
        assertThat(fseq.frameCount).isEqualTo(expectedFrames);
        assertThat(fseq.stepMs).isEqualTo(stepMs);
        assertThat(fseq.flags).isZero();
        assertThat(fseq.flags2).isZero();
        assertThat(fseq.compressionType).isEqualTo(compression == FseqCompression.NONE ? 0 : 1);
        assertThat(fseq.sparseRangeCount).isZero();
        assertThat(fseq.headerLength).isEqualTo(32 + 8 * fseq.blockCount);
        assertThat(fseq.dataOffset % 4).isZero();
        assertThat(fseq.dataOffset).isGreaterThanOrEqualTo(fseq.headerLength);
        assertThat(fseq.uniqueId).isNotZero();
        assertThat(fseq.variableHeaders).containsEntry("mf", mediaFile);
        assertThat(fseq.variableHeaders.get("sp")).startsWith("Beatlight");
        if (compression == FseqCompression.NONE) {
            assertThat(fseq.blockCount).isZero();
            assertThat(file.length).isEqualTo(fseq.dataOffset + fseq.channelCount * fseq.frameCount);
        } else {
            assertThat(fseq.blockCount).isBetween(1, 255);
            assertThat(fseq.blocks.get(0).firstFrame()).isZero();
            for (int b = 1; b < fseq.blocks.size(); b++) {
                assertThat(fseq.blocks.get(b).firstFrame()).isGreaterThan(fseq.blocks.get(b - 1).firstFrame());
                assertThat(fseq.blocks.get(b).length()).isPositive();
            }
            if (fseq.frameCount > 10) {
                assertThat(fseq.blocks.get(1).firstFrame()).isEqualTo(10); // a small first block to start fast
            }
        }
        byte[] universe = new byte[512];
        for (int n = 0; n < fseq.frameCount; n++) {
            double songTime = n * stepMs / 1000.0;
            DmxFrame expected = canvas.frameAt(songTime);
            byte[] actual = fseq.frame(n);
            for (int k = 0; k < layout.count(); k++) {
                expected.copyUniverse(k, universe, 0);
                for (int c = 0; c < 512; c++) {
                    if (actual[k * 512 + c] != universe[c]) {
                        throw new AssertionError("frame " + n + " (" + songTime + " s), universe "
                                + layout.universeAt(k) + " channel " + (c + 1) + ": " + (actual[k * 512 + c] & 0xFF)
                                + " in the file, " + (universe[c] & 0xFF) + " on the canvas");
                    }
                }
            }
        }
        return fseq;
    }

}
