package io.beatlight.song.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatlight.song.AudioDecoder;
import io.beatlight.testutil.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Headless Chromium decodes the same files with {@code decodeAudioData} (an OfflineAudioContext at the file's own
 * rate, so nothing is resampled; the file comes in as a data: URL): its sample count and the sample where each
 * click starts are the ones Beatlight's decoder gives.
 */
@Tag("browser")
class BrowserTimebaseTest {
    private static final String DECODE = """
            const [url, rate, clicks, done] = arguments;
            fetch(url).then(r => r.arrayBuffer())
              .then(bytes => new OfflineAudioContext(1, 1, rate).decodeAudioData(bytes))
              .then(buffer => {
                const n = buffer.length, channels = buffer.numberOfChannels;
                const mono = new Float32Array(n);
                for (let c = 0; c < channels; c++) {
                  const data = buffer.getChannelData(c);
                  for (let i = 0; i < n; i++) mono[i] += data[i] / channels;
                }
                // the same rule as ClickTrack.firstOnset: the first sample reaching half the window's peak
                const onsets = clicks.map(t => {
                  const from = Math.max(0, Math.floor((t - 0.06) * rate)), to = Math.min(n, Math.floor((t + 0.12) * rate));
                  let peak = 0;
                  for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(mono[i]));
                  for (let i = from; i < to; i++) if (peak > 0.05 && Math.abs(mono[i]) >= peak / 2) return i;
                  return -1;
                });
                done({length: n, rate: buffer.sampleRate, onsets: onsets});
              })
              .catch(e => done({error: String(e)}));
            """;

    @TempDir
    static Path dir;
    static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        assumeTrue(HeadlessChromium.available(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        browser = HeadlessChromium.start(800, 600);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.get("about:blank");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest(name = "{0} at {1} Hz ({2})")
    @CsvSource({
        "mp3, 44100, -b 128", "mp3, 48000, -V 2", "mp3, 44100, -t -b 128", "mp3, 22050, -b 64",
        "ogg, 44100, -q 4", "flac, 48000, ''"})
    void chromiumFindsEveryClickAtTheSampleBeatlightDoes(String format, int rate, String args) throws Exception {
        ClickTrack track = new ClickTrack(rate, 120, 0.5, 6);
        Path wav = track.writeWav(dir.resolve("clicks-" + rate + ".wav"));
        Path file = dir.resolve("clicks-" + rate + "-" + args.replace(' ', '_') + "." + format);
        String[] options = args.isBlank() ? new String[0] : args.split(" ");
        boolean encoded = switch (format) {
            case "mp3" -> Encoders.lame(wav, file, options);
            case "ogg" -> Encoders.oggenc(wav, file, options);
            default -> Encoders.flac(wav, file);
        };
        assumeTrue(encoded, "the " + format + " encoder is installed (CI installs lame, vorbis-tools and flac)");

        String mime = Map.of("mp3", "audio/mpeg", "ogg", "audio/ogg", "flac", "audio/flac").get(format);
        String url = "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        @SuppressWarnings("unchecked")
        Map<String, Object> browserResult = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                DECODE, url, rate, track.clicks);
        assertThat(browserResult).doesNotContainKey("error");

        AudioDecoder.NativeAudio ours = AudioDecoder.decodeNative(file);
        assertThat(((Number) browserResult.get("rate")).intValue()).isEqualTo(rate);
        assertThat(((Number) browserResult.get("length")).longValue()).as("sample count")
                .isEqualTo(ours.samples().length);
        List<Integer> browserOnsets = new ArrayList<>();
        for (Object o : (List<?>) browserResult.get("onsets")) {
            browserOnsets.add(((Number) o).intValue());
        }
        int tolerance = rate / 1000; // ±1 ms
        for (int k = 0; k < track.clicks.size(); k++) {
            double t = track.clicks.get(k);
            int ourOnset = ClickTrack.firstOnset(ours.samples(), (int) Math.floor((t - 0.06) * rate),
                    (int) Math.floor((t + 0.12) * rate));
            assertThat(ourOnset).as("click %d found", k).isPositive();
            assertThat(browserOnsets.get(k)).as("click %d at %.2f s", k, t).isCloseTo(ourOnset,
                    org.assertj.core.data.Offset.offset(tolerance));
        }
    }
}
