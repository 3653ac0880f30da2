package io.beatlight.show;

import io.beatlight.dmx.UniverseLayout;
import io.beatlight.rig.Rig;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FolderBounds;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The sparse text log of a rendered canvas (docs/architecture.md#files-we-write): one line per frame whose channels
 * 1..M are not all zero, {@code [t.ttt] FF.00.…}, M being the highest channel the rig uses. A rig over several
 * universes gets one line per universe and frame, with the universe after the time.
 */
public final class CanvasDebugLog {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanvasDebugLog() {
    }

    public static Path write(Path cuesDir, String songId, Canvas canvas, Rig rig) throws IOException {
        Path file = cuesDir.resolve(songId + ".dmx.log");
        FolderBounds.requireInside(cuesDir, file);
        AtomicFiles.write(file, format(canvas, rig).getBytes(StandardCharsets.US_ASCII), false);
        return file;
    }

    public static String format(Canvas canvas, Rig rig) {
        UniverseLayout layout = canvas.layout();
        byte[] bytes = canvas.bytes();
        StringBuilder out = new StringBuilder();
        for (int f = 0; f < canvas.frameCount(); f++) {
            for (int u = 0; u < layout.count(); u++) {
                int universe = layout.universeAt(u);
                int used = rig.maxUsedChannel(universe);
                int offset = f * layout.frameBytes() + u * UniverseLayout.UNIVERSE_SIZE;
                boolean lit = false;
                for (int c = 0; c < used && !lit; c++) {
                    lit = bytes[offset + c] != 0;
                }
                if (!lit) {
                    continue;
                }
                // Python's "%.3f" rounds the exact binary value half-even
                out.append('[').append(new BigDecimal(f / canvas.fps()).setScale(3, RoundingMode.HALF_EVEN)
                        .toPlainString()).append("] ");
                if (layout.count() > 1) {
                    out.append('u').append(universe).append(' ');
                }
                for (int c = 0; c < used; c++) {
                    if (c > 0) {
                        out.append('.');
                    }
                    int v = bytes[offset + c] & 0xFF;
                    out.append(HEX[v >> 4]).append(HEX[v & 15]);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
