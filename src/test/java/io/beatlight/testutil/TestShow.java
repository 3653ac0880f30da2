package io.beatlight.testutil;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Builds show folders in temp directories for tests: the reference rig plus small generated songs. */
public final class TestShow {
    public static final List<String> RIG_FILES = List.of("fixtures.json", "pois.json",
            "fixture.moving_head.head_el150.json", "fixture.moving_head.mini_beam_prism.json",
            "fixture.parcan.rgb_gen.json", "fixture.parcan.rgb_proton.json");

    private final Path root;

    private TestShow(Path root) {
        this.root = root;
    }

    /** A show folder with the reference rig (src/test/resources/golden-rig) and no songs. */
    public static TestShow withReferenceRig(Path root) throws IOException {
        Path fixtures = root.resolve("fixtures");
        Files.createDirectories(fixtures);
        for (String name : RIG_FILES) {
            try (InputStream in = TestShow.class.getResourceAsStream("/golden-rig/" + name)) {
                if (in == null) {
                    throw new IOException("missing test resource golden-rig/" + name);
                }
                Files.copy(in, fixtures.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new TestShow(root);
    }

    public Path root() {
        return root;
    }

    public Path fixtures() {
        return root.resolve("fixtures");
    }

    /** Adds a silent WAV song of the given length with seed-layout metadata (bpm, parts). */
    public TestShow song(String id, double seconds, double bpm, String partsJson) throws IOException {
        Path songs = root.resolve("songs");
        Files.createDirectories(songs);
        writeSilentWav(songs.resolve(id + ".wav"), seconds);
        Path meta = root.resolve("meta");
        Files.createDirectories(meta);
        String json = "{\"filename\": \"" + id + "\", \"length\": " + seconds + ", \"bpm\": " + bpm
                + ", \"parts\": " + (partsJson == null ? "{}" : partsJson) + "}";
        Files.writeString(meta.resolve(id + ".json"), json, StandardCharsets.UTF_8);
        return this;
    }

    public static void writeSilentWav(Path file, double seconds) throws IOException {
        writeSilentWav(file, seconds, 8000);
    }

    public static void writeSilentWav(Path file, double seconds, float rate) throws IOException {
        int frames = (int) Math.round(seconds * rate);
        byte[] pcm = new byte[frames * 2];
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
