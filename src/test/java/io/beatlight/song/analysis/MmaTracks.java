package io.beatlight.song.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.song.Section;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ground-truth test music: arrangements written as MMA (Musical MIDI Accompaniment) files, rendered with Debian's
 * {@code mma} to MIDI, with {@code fluidsynth} and the FluidR3 General MIDI soundfont to a 44.1 kHz WAV, and with
 * {@code lame} to an MP3. The grid is exact: MMA plays beat 1 at 0 s and fluidsynth adds no lead-in (verified by
 * {@code MmaTracksTest} on a metronome groove), so beat k is at k·60/BPM until the last bar ends; the reverb tail
 * after it carries no beats.
 *
 * <p>Only grooves whose MMA beat is the notated beat are used: 4/4 and 3/4 grooves, 12/8 grooves that MMA writes
 * in 4 (one MMA beat per dotted quarter) and the 6/8 march that MMA writes in 2. So the MMA tempo is the notated
 * tempo, chosen where a musician would notate each style. Sections are where the groove (and the chord
 * progression) changes.
 *
 * <p>Files are cached under {@code target/mma-set}, keyed by a hash of the MMA text and the render settings.
 */
public final class MmaTracks {
    public static final Path CACHE = Path.of("target", "mma-set");
    static final String SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    static final double SHORT_SECONDS = 40;
    static final String RENDER_SETTINGS = "fluidsynth -ni -r 44100 FluidR3_GM; lame -b 192";

    private MmaTracks() {
    }

    /** One section: an MMA groove played over a chord progression, one chord per bar. */
    public record Part(String name, String groove, List<String> chords) {
        public int bars() {
            return chords.size();
        }
    }

    /**
     * A song to render. {@code bpm} is the notated tempo (MMA's Tempo), {@code beatsPerBar} the notated beats per
     * bar (2 for 6/8 counted in 2, 4 for 12/8), {@code metre} the time signature as a musician writes it.
     */
    public record Song(String name, String style, double bpm, int beatsPerBar, String metre, int transpose,
                       List<Part> parts) {
        public int bars() {
            return parts.stream().mapToInt(Part::bars).sum();
        }

        /** Where the last bar ends: the end of the ground truth (the audio goes on with the reverb tail). */
        public double lengthSeconds() {
            return bars() * beatsPerBar * 60 / bpm;
        }
    }

    /** The rendered files and their exact ground truth. */
    public record Track(Song song, Path mma, Path wav, Path mp3, List<Double> beats, List<Double> downbeats,
                        List<Section> sections) {
        public String name() {
            return song.name();
        }

        public double bpm() {
            return song.bpm();
        }

        public int beatsPerBar() {
            return song.beatsPerBar();
        }

        /** Section starts after the first (the boundaries a section finder should find). */
        public List<Double> boundaries() {
            return sections.stream().skip(1).map(Section::startS).toList();
        }
    }

    /** Renders (or finds in the cache) one song. */
    public static Track render(Song song) throws IOException {
        return render(song, CACHE);
    }

    public static Track render(Song song, Path cacheDir) throws IOException {
        Path cache = cacheDir.toAbsolutePath();
        String text = mmaText(song);
        String key = hash(text + "\n" + RENDER_SETTINGS).substring(0, 12);
        Files.createDirectories(cache);
        String stem = song.name() + "-" + key;
        Path mma = cache.resolve(stem + ".mma");
        Path mid = cache.resolve(stem + ".mid");
        Path wav = cache.resolve(stem + ".wav");
        Path mp3 = cache.resolve(stem + ".mp3");
        if (!Files.isRegularFile(mp3) || !Files.isRegularFile(wav)) {
            Files.writeString(mma, text);
            Path tmpMid = cache.resolve(stem + ".tmp.mid");
            run(cache, "mma", "-f", tmpMid.toString(), mma.toString());
            Files.move(tmpMid, mid, StandardCopyOption.REPLACE_EXISTING);
            Path tmpWav = cache.resolve(stem + ".tmp.wav");
            run(cache, "fluidsynth", "-ni", "-q", "-r", "44100", "-F", tmpWav.toString(), SOUNDFONT,
                    mid.toString());
            Path tmpMp3 = cache.resolve(stem + ".tmp.mp3");
            run(cache, "lame", "--quiet", "-b", "192", tmpWav.toString(), tmpMp3.toString());
            Files.move(tmpWav, wav, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmpMp3, mp3, StandardCopyOption.REPLACE_EXISTING);
        }
        Track track = truth(song, mma, wav, mp3);
        Path truthFile = cache.resolve(stem + ".truth.json");
        if (!Files.isRegularFile(truthFile)) {
            Files.writeString(truthFile, Json.PRETTY.writeValueAsString(json(track)));
        }
        return track;
    }

    /** The exact grid: beat k at k·60/BPM, a downbeat every bar, a section wherever a part starts. */
    static Track truth(Song song, Path mma, Path wav, Path mp3) {
        double period = 60 / song.bpm();
        int totalBeats = song.bars() * song.beatsPerBar();
        List<Double> beats = new ArrayList<>();
        List<Double> downbeats = new ArrayList<>();
        for (int k = 0; k < totalBeats; k++) {
            beats.add(k * period);
            if (k % song.beatsPerBar() == 0) {
                downbeats.add(k * period);
            }
        }
        List<Section> sections = new ArrayList<>();
        int bar = 0;
        for (Part part : song.parts()) {
            double start = bar * song.beatsPerBar() * period;
            bar += part.bars();
            sections.add(new Section(part.name(), start, bar * song.beatsPerBar() * period));
        }
        return new Track(song, mma, wav, mp3, List.copyOf(beats), List.copyOf(downbeats), List.copyOf(sections));
    }

    public static String mmaText(Song song) {
        StringBuilder out = new StringBuilder();
        out.append("// ").append(song.name()).append(": ").append(song.style()).append(", ").append(song.metre())
                .append(" at ").append(fmt(song.bpm())).append(" BPM\n");
        // MMA humanises timing and velocity with its random generator: a fixed seed keeps renders identical
        out.append("RndSeed ").append(Math.floorMod(song.name().hashCode(), 100000)).append('\n');
        out.append("Tempo ").append(fmt(song.bpm())).append('\n');
        if (song.transpose() != 0) {
            out.append("Transpose ").append(song.transpose()).append('\n');
        }
        for (Part part : song.parts()) {
            out.append("\n// ").append(part.name()).append('\n');
            out.append("Groove ").append(part.groove()).append('\n');
            for (String chord : part.chords()) {
                out.append(chord).append('\n');
            }
        }
        return out.toString();
    }

    private static String fmt(double bpm) {
        return bpm == Math.rint(bpm) ? String.valueOf((long) bpm) : String.valueOf(bpm);
    }

    static ObjectNode json(Track track) {
        Song song = track.song();
        ObjectNode root = Json.object();
        root.put("name", song.name()).put("style", song.style()).put("bpm", song.bpm())
                .put("beats_per_bar", song.beatsPerBar()).put("metre", song.metre())
                .put("length_s", song.lengthSeconds());
        ArrayNode sections = root.putArray("sections");
        for (int i = 0; i < track.sections().size(); i++) {
            Section s = track.sections().get(i);
            sections.addObject().put("name", s.name()).put("groove", song.parts().get(i).groove())
                    .put("start_s", s.startS()).put("end_s", s.endS());
        }
        ArrayNode beats = root.putArray("beats");
        track.beats().forEach(beats::add);
        ArrayNode downbeats = root.putArray("downbeats");
        track.downbeats().forEach(downbeats::add);
        return root;
    }

    /** Runs a tool; a missing tool or a failure is an IllegalStateException that says what to install. */
    static void run(Path dir, String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is not installed: the MMA test music needs the Debian "
                    + "packages mma fluidsynth fluid-soundfont-gm lame (.ci/run installs them)", e);
        }
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
        if (command[0].equals("fluidsynth") && !Files.isRegularFile(Path.of(SOUNDFONT))) {
            throw new IllegalStateException(SOUNDFONT + " is missing: install fluid-soundfont-gm");
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the sets ----

    /** Chord progressions in C (transposed per song): intro, verse, chorus, ending. */
    record Harmony(List<String> intro, List<String> verse, List<String> chorus, List<String> end) {
    }

    static final Harmony POP = new Harmony(List.of("C", "F", "C", "G"),
            List.of("C", "Am", "F", "G", "C", "Am", "Dm", "G"),
            List.of("F", "G", "Em", "Am", "F", "G", "C", "C"), List.of("C", "C"));
    static final Harmony DOO_WOP = new Harmony(List.of("C", "Am", "F", "G7"),
            List.of("C", "Am", "F", "G7", "C", "Am", "F", "G7"),
            List.of("F", "Fm", "C", "A7", "Dm", "G7", "C", "C7"), List.of("C", "C"));
    static final Harmony JAZZ = new Harmony(List.of("Dm7", "G7", "Cmaj7", "A7"),
            List.of("Cmaj7", "Am7", "Dm7", "G7", "Em7", "A7", "Dm7", "G7"),
            List.of("Fmaj7", "Fm7", "Em7", "A7", "Dm7", "G7", "Cmaj7", "Cmaj7"), List.of("Cmaj7", "Cmaj7"));
    static final Harmony MINOR = new Harmony(List.of("Am", "E7", "Am", "E7"),
            List.of("Am", "Dm", "E7", "Am", "Am", "Dm", "E7", "E7"),
            List.of("F", "G", "C", "Am", "Dm", "E7", "Am", "Am"), List.of("Am", "Am"));
    static final Harmony BLUES = new Harmony(List.of("C7", "F7", "C7", "G7"),
            List.of("C7", "F7", "C7", "C7", "F7", "F7", "C7", "C7", "G7", "F7", "C7", "G7"),
            List.of("F7", "F7", "C7", "C7", "G7", "F7", "C7", "C7"), List.of("C7", "C7"));
    static final Harmony COUNTRY = new Harmony(List.of("C", "G7", "C", "G7"),
            List.of("C", "C", "F", "C", "C", "C", "G7", "G7"),
            List.of("F", "F", "C", "C", "G7", "G7", "C", "C"), List.of("C", "C"));

    /**
     * A whole song: intro (4 bars), verse (8, or 12 for a blues), chorus (8), verse, chorus, ending (2), each on its
     * own groove; verse and chorus also differ in harmony.
     */
    static Song song(String name, String style, double bpm, int beatsPerBar, String metre, int transpose,
                     Harmony harmony, String intro, String verse, String chorus, String end) {
        int barsPerChord = beatsPerBar == 2 ? 2 : 1; // a 6/8 march in 2 changes chords every other bar
        return new Song(name, style, bpm, beatsPerBar, metre, transpose, List.of(
                new Part("intro", intro, stretch(harmony.intro(), barsPerChord)),
                new Part("verse", verse, stretch(harmony.verse(), barsPerChord)),
                new Part("chorus", chorus, stretch(harmony.chorus(), barsPerChord)),
                new Part("verse", verse, stretch(harmony.verse(), barsPerChord)),
                new Part("chorus", chorus, stretch(harmony.chorus(), barsPerChord)),
                new Part("ending", end, harmony.end())));
    }

    private static List<String> stretch(List<String> chords, int barsPerChord) {
        List<String> out = new ArrayList<>();
        for (String chord : chords) {
            for (int i = 0; i < barsPerChord; i++) {
                out.add(chord);
            }
        }
        return out;
    }

    /** A short track (about 30 s, whole bars): a verse groove, then a chorus groove from the middle bar on. */
    static Song shortSong(String name, String style, double bpm, int beatsPerBar, String metre, int transpose,
                          Harmony harmony, String verse, String chorus) {
        int bars = (int) Math.ceil(SHORT_SECONDS / (beatsPerBar * 60 / bpm));
        bars += bars % 2;
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < bars / 2; i++) {
            first.add(harmony.verse().get(i % harmony.verse().size()));
            second.add(harmony.chorus().get(i % harmony.chorus().size()));
        }
        return new Song(name, style, bpm, beatsPerBar, metre, transpose,
                List.of(new Part("verse", verse, first), new Part("chorus", chorus, second)));
    }

    /** The handful of short tracks the unit tests use. */
    public static List<Song> quickSet() {
        return List.of(
                shortSong("quick-waltz-132", "waltz", 132, 3, "3/4", 0, POP, "Waltz", "WaltzSus"),
                shortSong("quick-popballad-72", "pop ballad", 72, 4, "4/4", 2, POP, "PopBallad", "PopBalladPlus"),
                shortSong("quick-countryswing-180", "country shuffle", 180, 4, "4/4", -3, COUNTRY, "CountrySwing",
                        "CountrySwing1"),
                shortSong("quick-bossanova-136", "bossa nova", 136, 4, "4/4", 5, JAZZ, "BossaNova",
                        "BossaNovaPlus"),
                shortSong("quick-rock128-66", "12/8 doo-wop", 66, 4, "12/8", 0, DOO_WOP, "Rock128", "Rock128Plus"));
    }

    /** A four-minute rock song (intro, seven verse/chorus pairs, ending) for the speed and memory figures. */
    public static Song fourMinuteSong() {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("intro", "60sRockIntro", POP.intro()));
        for (int i = 0; i < 7; i++) {
            parts.add(new Part("verse", "60sRock", POP.verse()));
            parts.add(new Part("chorus", "60sRockPlus", POP.chorus()));
        }
        parts.add(new Part("ending", "60sRockEnd", POP.end()));
        return new Song("four-minutes-60srock-120", "60s rock", 120, 4, "4/4", 0, List.copyOf(parts));
    }

    /** The benchmark set: 27 styles, 46 songs, tempi 60–184 BPM, 4/4, 3/4, 12/8 and 6/8. */
    public static List<Song> fullSet() {
        List<Song> set = new ArrayList<>();
        // 4/4 ballads and slow songs, where a musician counts the quarter at 60–90
        set.add(song("popballad-64", "pop ballad", 64, 4, "4/4", 0, POP,
                "PopBalladIntro", "PopBallad", "PopBalladPlus", "PopBalladEnd"));
        set.add(song("popballad-72", "pop ballad", 72, 4, "4/4", 3, POP,
                "PopBalladIntro", "PopBallad1", "PopBallad1Plus", "PopBalladEnd"));
        set.add(song("popballad-80", "pop ballad", 80, 4, "4/4", -2, DOO_WOP,
                "PopBalladIntro", "PopBallad2", "PopBallad2Plus", "PopBalladEnd"));
        set.add(song("ballad-68", "ballad", 68, 4, "4/4", 5, POP,
                "BalladIntro", "Ballad", "BalladPlus", "BalladEnd"));
        set.add(song("ballad-76", "ballad", 76, 4, "4/4", -4, JAZZ,
                "BalladIntro1", "Ballad1", "Ballad1Plus", "Ballad1End"));
        set.add(song("rockballad-66", "rock ballad (doo-wop)", 66, 4, "4/4", 0, DOO_WOP,
                "RockBalladIntro", "RockBallad", "RockBallad1", "RockBalladEnd"));
        set.add(song("blues-76", "slow blues", 76, 4, "4/4", 2, BLUES,
                "BluesIntro", "Blues", "BluesTriple", "BluesEnd"));
        set.add(song("rb-88", "rhythm and blues", 88, 4, "4/4", -5, BLUES,
                "R&BIntro", "R&B", "R&BPlus", "R&BEnd"));
        // mid-tempo 4/4: rock, soul, funk, latin
        set.add(song("bvfunk-96", "funk", 96, 4, "4/4", 1, MINOR,
                "BVFunkIntro", "BVFunk", "BVFunkHorns", "BVFunkEnd"));
        set.add(song("bvfunk-108", "funk", 108, 4, "4/4", -2, BLUES,
                "BVFunkIntro", "BVFunk", "BVFunkHorns", "BVFunkEnd"));
        set.add(song("dsoul-100", "disco soul", 100, 4, "4/4", 0, POP,
                "DSoulIntro", "DSoul", "DSoulPlus", "DSoulEnd"));
        set.add(song("dsoul-116", "disco soul", 116, 4, "4/4", 4, MINOR,
                "DSoulIntro", "DSoul", "DSoulPlus", "DSoulEnd"));
        set.add(song("8beat-104", "8-beat rock", 104, 4, "4/4", 0, POP,
                "8BeatIntro", "8Beat", "8BeatPlus", "8BeatEnd"));
        set.add(song("8beat-124", "8-beat rock", 124, 4, "4/4", -3, DOO_WOP,
                "8BeatIntro", "8Beat1", "8Beat1Plus", "8BeatEnd"));
        set.add(song("basicrock-112", "rock", 112, 4, "4/4", 2, POP,
                "BasicRockIntro", "BasicRock", "BasicRock4", "BasicRockEnd"));
        set.add(song("60srock-120", "60s rock", 120, 4, "4/4", 0, POP,
                "60sRockIntro", "60sRock", "60sRockPlus", "60sRockEnd"));
        set.add(song("60srock-140", "60s rock", 140, 4, "4/4", 5, COUNTRY,
                "60sRockIntro", "60sRock1", "60sRock1Plus", "60sRockEnd"));
        set.add(song("softrock-128", "soft rock", 128, 4, "4/4", -1, POP,
                "SoftRockIntro", "SoftRock", "SoftRock1", "SoftRockEnd"));
        set.add(song("trance-132", "trance", 132, 4, "4/4", 0, MINOR,
                "TranceIntro", "Trance", "Trance1", "TranceEnd"));
        set.add(song("bossanova-124", "bossa nova", 124, 4, "4/4", 0, JAZZ,
                "BossaNovaIntro", "BossaNova1Sus", "BossaNovaPlus", "BossaNovaEnd"));
        set.add(song("bossanova-136", "bossa nova", 136, 4, "4/4", -3, MINOR,
                "BossaNovaIntro", "BossaNova", "BossaNovaSusPlus", "BossaNovaEnd"));
        set.add(song("chacha-116", "cha-cha", 116, 4, "4/4", 2, MINOR,
                "ChaChaIntro", "ChaCha", "ChaCha1", "ChaChaEnd"));
        set.add(song("rhumba-104", "rhumba", 104, 4, "4/4", -1, JAZZ,
                "RhumbaIntro", "Rhumba", "Rhumba1", "RhumbaEnd"));
        set.add(song("foxtrot-120", "foxtrot", 120, 4, "4/4", 3, JAZZ,
                "FoxTrotIntro", "Foxtrot", "FoxTrotPlus", "FoxTrotEnd"));
        // swing and shuffles: the beat is the quarter even where the eighths are swung
        set.add(song("shuffleboggie-128", "shuffle boogie", 128, 4, "4/4", 0, BLUES,
                "ShuffleBoggieIntro", "ShuffleBoggie", "ShuffleBoggie1", "ShuffleBoggieEnd"));
        set.add(song("swing-132", "swing", 132, 4, "4/4", -2, JAZZ,
                "SwingIntro", "Swing", "SwingPlus", "SwingEnd"));
        set.add(song("swing-168", "swing", 168, 4, "4/4", 1, JAZZ,
                "SwingIntro", "SwingWalk", "SwingWalkPlus", "SwingEnd"));
        set.add(song("twist-152", "twist", 152, 4, "4/4", 0, POP,
                "TwistIntro", "Twist", "Twist4", "TwistEnd"));
        set.add(song("jive-164", "jive", 164, 4, "4/4", -3, COUNTRY,
                "JiveIntro", "Jive", "JivePlus", "JiveEnd"));
        set.add(song("countryswing-172", "country shuffle", 172, 4, "4/4", 0, COUNTRY,
                "CountrySwingIntro", "CountrySwing", "CountrySwing1", "CountrySwingEnd"));
        set.add(song("countryswing-184", "country shuffle", 184, 4, "4/4", 2, COUNTRY,
                "CountrySwingIntro", "CountrySwing", "CountrySwing2", "CountrySwingEnd"));
        set.add(song("westernswing-176", "western swing", 176, 4, "4/4", -5, COUNTRY,
                "WesternSwingIntro", "WesternSwing", "WesternSwingPlus", "WesternSwingEnd"));
        // 3/4, counted in 3
        set.add(song("waltz-96", "waltz", 96, 3, "3/4", 0, POP,
                "WaltzIntro", "Waltz", "Waltz1", "WaltzEnd"));
        set.add(song("waltz-138", "waltz", 138, 3, "3/4", -2, COUNTRY,
                "WaltzIntro", "WaltzWalk", "Waltz1Walk", "WaltzEnd"));
        set.add(song("countrywaltz-108", "country waltz", 108, 3, "3/4", 3, COUNTRY,
                "CountryWaltzIntro", "CountryWaltz", "CountryWaltz1", "CountryWaltzEnd"));
        set.add(song("countrywaltz-126", "country waltz", 126, 3, "3/4", -1, POP,
                "CountryWaltzIntro", "CountryWaltz2", "CountryWaltzWalk", "CountryWaltzEnd"));
        set.add(song("rockwaltz-90", "rock waltz", 90, 3, "3/4", 0, DOO_WOP,
                "RockWaltzIntro", "RockWaltz", "RockWaltz1", "RockWaltzEnd"));
        set.add(song("jazzwaltz-144", "jazz waltz", 144, 3, "3/4", 2, JAZZ,
                "JazzWaltzIntro", "JazzWaltz", "JazzWaltz1", "JazzWaltzEnd"));
        set.add(song("jazzwaltz-168", "jazz waltz", 168, 3, "3/4", -4, MINOR,
                "JazzWaltzIntro", "JazzWaltz", "JazzWaltz2", "JazzWaltzEnd"));
        set.add(song("vienesewaltz-160", "viennese waltz", 160, 3, "3/4", 0, POP,
                "VieneseWaltzIntro", "VieneseWaltz", "VieneseWaltz1", "VieneseWaltzEnd"));
        // compound metres: the notated beat is the dotted quarter (MMA writes these grooves with that beat)
        set.add(song("rock128-60", "12/8 doo-wop", 60, 4, "12/8", 0, DOO_WOP,
                "Rock128Intro", "Rock128", "Rock128Plus", "Rock128End"));
        set.add(song("rock128-72", "12/8 doo-wop", 72, 4, "12/8", 3, POP,
                "Rock128Intro", "Rock128Plain", "Rock128PlainPlus", "Rock128End"));
        set.add(song("blues128-62", "12/8 blues", 62, 4, "12/8", -2, BLUES,
                "Blues128Intro", "Blues128", "Blues128Plus", "Blues128End"));
        set.add(song("ballad128-64", "12/8 ballad", 64, 4, "12/8", 2, POP,
                "Ballad128Intro", "Ballad128", "Ballad128Plus", "Ballad128End"));
        set.add(song("68march-112", "6/8 march", 112, 2, "6/8", 0, COUNTRY,
                "68MarchIntro", "68March", "68MarchPlus", "68MarchEnd"));
        set.add(song("68march-120", "6/8 march", 120, 2, "6/8", -2, POP,
                "68MarchIntro", "68March", "68MarchSus", "68MarchEnd"));
        return set;
    }
}
