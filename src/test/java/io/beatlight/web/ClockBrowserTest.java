package io.beatlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatlight.BeatlightServer;
import io.beatlight.Config;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.HeadlessChromium;
import io.beatlight.testutil.TimecodeFeed;
import io.beatlight.testutil.TimecodeShow;
import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.Timecode;
import io.beatlight.timecode.TimecodeOffset;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page while the server chases Art-Net timecode: the clock in the transport bar, no driving, audio following. */
@Tag("browser")
class ClockBrowserTest {
    @TempDir
    Path dir;
    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(HeadlessChromium.available(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        browser = HeadlessChromium.start(1280, 900);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheChasedClockStopsDrivingAndItsAudioFollows() throws Exception {
        TimecodeShow.write(dir);
        int listen = TimecodeShow.freePort();
        FrameRate rate = FrameRate.FPS_25;
        double offset = TimecodeOffset.parse(TimecodeShow.OFFSET).secondsAt(rate);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = BeatlightServer.start(Config.parse("--show-dir", dir.toString(), "--host",
                     "127.0.0.1", "--port", "0", "--artnet-targets", "127.0.0.1:" + receiver.port(),
                     "--artnet-source-port", "0", "--artnet-listen-port", String.valueOf(listen), "--clock",
                     "artnet"));
             TimecodeFeed feed = new TimecodeFeed(listen, rate)) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://127.0.0.1:" + server.port() + "/");
            wait.until(d -> text("#clock").startsWith("ARTNET ○"));
            assertThat(browser.findElement(By.id("play")).isEnabled()).isFalse();
            assertThat(new Select(browser.findElement(By.id("clock-source"))).getFirstSelectedOption()
                    .getDomProperty("value")).isEqualTo("artnet");

            feed.start(Timecode.ofFrameNumber(Math.round((offset + 3) * rate.actualFps()), rate));
            wait.until(d -> text("#clock").matches("ARTNET ● 01:00:0\\d:\\d\\d @25"));
            assertThat(browser.findElement(By.id("clock-audio-label")).isDisplayed()).isTrue();
            // the page's audio plays the song time the code says
            wait.until(d -> !(Boolean) script("return document.getElementById('audio').paused"));
            Thread.sleep(1500);
            double audio = ((Number) script("return document.getElementById('audio').currentTime")).doubleValue();
            assertThat(audio).isCloseTo(feed.secondsAt(System.nanoTime()) - offset, within(0.4));
            // the time readout follows the server, not a page clock
            assertThat(text("#time")).startsWith("0:0");

            // untick Audio: silent
            browser.findElement(By.id("clock-audio")).click();
            wait.until(d -> (Boolean) script("return document.getElementById('audio').paused"));

            // the code stops: after the freewheel second the server pauses and the lock is shown lost
            feed.stop();
            wait.until(d -> text("#clock").startsWith("ARTNET ○"));
            assertThat((Boolean) script("return document.getElementById('audio').paused")).isTrue();

            // the page takes the clock back: its transport buttons work again
            new Select(browser.findElement(By.id("clock-source"))).selectByValue("browser");
            wait.until(d -> browser.findElement(By.id("play")).isEnabled());
            assertThat(text("#clock")).isEmpty();
            assertThat(browser.findElement(By.id("clock-audio-label")).isDisplayed()).isFalse();
            assertThat(server.engine().submit(() -> server.engine().clock().source()).get()).isEqualTo("browser");
        }
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private String text(String selector) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", selector);
        return (String) text;
    }
}
