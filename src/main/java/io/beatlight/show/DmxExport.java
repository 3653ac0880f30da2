package io.beatlight.show;

import io.beatlight.dmx.UniverseLayout;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FolderBounds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The binary show file (docs/architecture.md#files-we-write): {@code DMXP}, version 1, universe count, frame count,
 * fps, 16 reserved bytes, then per frame a u32 timestamp in ms and the universes, all little-endian. Written
 * atomically.
 */
public final class DmxExport {
    public static final int HEADER = 32;

    private DmxExport() {
    }

    public static Path write(Path showsDir, String songId, Canvas canvas) throws IOException {
        String date = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
        Path file = showsDir.resolve(songId + ".show_" + date + ".dmx");
        FolderBounds.requireInside(showsDir, file);
        AtomicFiles.write(file, encode(canvas), false);
        return file;
    }

    public static byte[] encode(Canvas canvas) {
        UniverseLayout layout = canvas.layout();
        int frames = canvas.frameCount();
        int fps = (int) canvas.fps();
        int record = 4 + layout.frameBytes();
        ByteBuffer out = ByteBuffer.allocate(HEADER + record * frames).order(ByteOrder.LITTLE_ENDIAN);
        out.put("DMXP".getBytes(StandardCharsets.US_ASCII));
        out.putShort((short) 1);
        out.putShort((short) layout.count());
        out.putInt(frames);
        out.putInt(fps);
        out.put(new byte[16]);
        byte[] bytes = canvas.bytes();
        for (int i = 0; i < frames; i++) {
            out.putInt((int) Math.rint(i * 1000.0 / fps));
            out.put(bytes, i * layout.frameBytes(), layout.frameBytes());
        }
        return out.array();
    }
}
