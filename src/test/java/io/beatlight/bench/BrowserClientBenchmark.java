package io.beatlight.bench;

import io.beatlight.testutil.HeadlessChromium;
import io.beatlight.testutil.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser client's figures in headless Chromium against the bundled demo show (server in its own JVM):
 * page load to the first snapshot and to the first rendered view, the live view's frame rate while playing, and
 * WebSocket bytes per second while playing with the DMX monitor closed and open.
 * Run: {@code bench/run BrowserClientBenchmark [loads] [seconds]}.
 */
public final class BrowserClientBenchmark {
    public static void main(String[] args) throws Exception {
        int loads = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        if (!HeadlessChromium.available()) {
            System.out.println("Chromium and chromedriver are not installed; nothing to measure");
            return;
        }
        Path dir = Files.createTempDirectory("beatlight-browser-bench");
        try (ServerProcess server = ServerProcess.start(ServerProcess.LAUNCHER_JVM_OPTIONS, Map.of("BEATLIGHT_LOG_LEVEL", "warn"),
                "--show-dir", dir.toString(), "--port", "0", "--artnet-targets", "127.0.0.1:16999",
                "--artnet-listen-port", "0")) {
            int port = server.awaitReady(Duration.ofSeconds(120));
            String url = "http://127.0.0.1:" + port + "/";
            WebDriver browser = HeadlessChromium.start(1280, 900);
            try {
                JavascriptExecutor js = (JavascriptExecutor) browser;
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                List<Double> snapshot = new ArrayList<>();
                List<Double> rendered = new ArrayList<>();
                for (int i = 0; i < loads + 2; i++) {
                    browser.get(url);
                    wait.until(d -> js.executeScript("return window.beatlight && window.beatlight.metrics.firstRenderMs") != null);
                    wait.until(d -> !d.findElements(By.cssSelector(".fixture")).isEmpty());
                    if (i >= 2) { // the first loads warm the server's JIT and the browser cache
                        snapshot.add(((Number) js.executeScript("return window.beatlight.metrics.snapshotAtMs")).doubleValue());
                        rendered.add(((Number) js.executeScript("return window.beatlight.metrics.firstRenderMs")).doubleValue());
                    }
                }
                System.out.printf("page load (navigation start) to first snapshot over %d loads: %s%n", loads,
                        Stats.summary(snapshot));
                System.out.printf("page load to first rendered view (fixtures, timeline, stage):  %s%n",
                        Stats.summary(rendered));

                browser.findElement(By.id("play")).click();
                wait.until(d -> "playing".equals(js.executeScript("return window.beatlight.doc.playback.state")));
                Thread.sleep(3000);
                measure(js, "monitor closed (60 samples/s)", seconds);
                js.executeScript("window.beatlight.liveRate = 30; window.beatlight.resubscribeLive()");
                Thread.sleep(1000);
                measure(js, "monitor closed, 30 samples/s asked", Math.max(5, seconds / 2));
                js.executeScript("window.beatlight.liveRate = 0; window.beatlight.resubscribeLive()");
                browser.findElement(By.id("monitor-toggle")).click();
                Thread.sleep(1000);
                measure(js, "DMX monitor open (30 samples/s)", Math.max(5, seconds / 2));
                Path shots = Path.of("target", "screenshots");
                Files.createDirectories(shots);
                Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                        shots.resolve("bench-demo-playing.png"), StandardCopyOption.REPLACE_EXISTING);
                browser.findElement(By.id("stop")).click();
            } finally {
                browser.quit();
            }
        }
    }

    private static void measure(JavascriptExecutor js, String label, int seconds) throws InterruptedException {
        List<Double> fps = new ArrayList<>();
        long bytes0 = ((Number) js.executeScript("return window.beatlight.metrics.wsBytes")).longValue();
        long messages0 = ((Number) js.executeScript("return window.beatlight.metrics.wsMessages")).longValue();
        long t0 = System.nanoTime();
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            fps.add(((Number) js.executeScript("return window.beatlight.metrics.liveFps")).doubleValue());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long bytes = ((Number) js.executeScript("return window.beatlight.metrics.wsBytes")).longValue() - bytes0;
        long messages = ((Number) js.executeScript("return window.beatlight.metrics.wsMessages")).longValue() - messages0;
        double drawMs = ((Number) js.executeScript("const m = window.beatlight.metrics; return m.drawMsTotal / m.draws"))
                .doubleValue();
        System.out.printf("playing, %s, %d s: live view drew %s frames/s with new samples (%.2f ms per draw); "
                + "WebSocket %.0f bytes/s in %.1f messages/s%n", label, seconds, Stats.summary(fps), drawMs,
                bytes / elapsed, messages / elapsed);
    }
}
