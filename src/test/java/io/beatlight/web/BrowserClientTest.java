package io.beatlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.HeadlessChromium;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.Interactive;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bundled control client in headless Chromium (Debian's, driven by its chromedriver; no browser is ever
 * downloaded). Skipped with a message when they are not installed; CI installs them.
 */
@Tag("browser")
class BrowserClientTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;
    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(HeadlessChromium.available(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        browser = HeadlessChromium.start(1280, 900);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    Path screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(5_000);
        return target;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The page's view of channel {@code address} of universe 0 from the live samples, or -1. */
    long live(int address) {
        Object v = js("const u = window.beatlight.live && window.beatlight.live.get(0);"
                + "return u && u.length >= arguments[0] ? u[arguments[0] - 1] : -1;", address);
        return ((Number) v).longValue();
    }

    /** A screenshot that is not blank: the element is visible and shows more than a handful of colours. */
    void assertDrawn(Path shot, String elementId) throws Exception {
        WebElement element = browser.findElement(By.id(elementId));
        assertThat(element.isDisplayed()).as("%s visible", elementId).isTrue();
        BufferedImage image = ImageIO.read(shot.toFile());
        double scale = image.getWidth() / ((Number) js("return window.innerWidth")).doubleValue();
        Rectangle r = element.getRect();
        Set<Integer> colours = new HashSet<>();
        for (int y = (int) (r.getY() * scale); y < Math.min(image.getHeight(), (r.getY() + r.getHeight()) * scale); y += 2) {
            for (int x = (int) (r.getX() * scale); x < Math.min(image.getWidth(), (r.getX() + r.getWidth()) * scale); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in #%s", elementId).isGreaterThan(8);
    }

    void showTab(String name) {
        browser.findElement(By.cssSelector("[data-tab='" + name + "']")).click();
    }

    @Test
    void controlsTheRigEditsCuesAndSurvivesARestart() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 20, 120, "{\"intro\": [0, 10], \"outro\": [10, 20]}");
        int port = freePort();
        try (ArtNetReceiver receiver = new ArtNetReceiver()) {
            BeatlightServer server = TestServer.start(dir, receiver.port(), "--port", Integer.toString(port));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                browser.get("http://127.0.0.1:" + port + "/");
                wait.until(d -> d.findElement(By.id("connection")).getText().equals("live"));
                System.out.printf("page load to first snapshot: %.0f ms%n", ((Number) js("return window.beatlight.metrics.snapshotAtMs")).doubleValue());
                wait.until(d -> d.findElements(By.cssSelector(".fixture")).size() == 7);
                assertThat(browser.findElement(By.id("song-title")).getText()).isEqualTo("Song");

                // the live view receives samples of the output; the waveform comes from the server's overview
                wait.until(d -> live(17) >= 0);
                wait.until(d -> "server".equals(js("return window.beatlight.timeline.peaksSource")));
                Path fixtures = screenshot("fixtures");
                assertDrawn(fixtures, "timeline");
                assertDrawn(fixtures, "stage");

                // a colour swatch on a par reaches the wire, and the live view shows it
                long clicked = System.nanoTime();
                browser.findElement(By.cssSelector("[data-fixture='parcan_l'] [data-swatch='blue']")).click();
                receiver.awaitDmx(0, clicked, p -> p.channel(17) == 0 && p.channel(19) == 255, Duration.ofSeconds(5));
                wait.until(d -> live(19) == 255 && live(17) == 0);

                // a POI button moves a head to its stored target (piano: pan 43693 = 0xAAAD on head_el150)
                long moved = System.nanoTime();
                browser.findElement(By.cssSelector("[data-fixture='head_el150'] [data-poi='piano']")).click();
                receiver.awaitDmx(0, moved, p -> p.channel(1) == 0xAA && p.channel(2) == 0xAD, Duration.ofSeconds(5));

                // the pan/tilt pad: a tap in the middle is pan and tilt at half range
                WebElement pad = browser.findElement(By.cssSelector("[data-pad='head_el150']"));
                long tapped = System.nanoTime();
                new Actions(browser).moveToElement(pad).click().perform();
                receiver.awaitDmx(0, tapped, p -> Math.abs(p.channel(1) * 256 + p.channel(2) - 32768) < 700
                        && Math.abs(p.channel(3) * 256 + p.channel(4) - 32768) < 700, Duration.ofSeconds(5));

                // the DMX monitor subscribes to the whole universe
                browser.findElement(By.id("monitor-toggle")).click();
                wait.until(d -> live(512) >= 0);
                assertDrawn(screenshot("dmx-monitor"), "monitor");
                browser.findElement(By.id("monitor-toggle")).click();

                // a cue added through the form lands in the cue file
                showTab("cues");
                new Select(browser.findElement(By.id("cue-fixture"))).selectByValue("parcan_r");
                new Select(browser.findElement(By.id("cue-effect"))).selectByValue("strobe");
                // the parameter form comes from the effect's schema
                browser.findElement(By.cssSelector("[data-param='rate']")).sendKeys("8");
                browser.findElement(By.id("cue-time")).clear();
                browser.findElement(By.id("cue-time")).sendKeys("2.5");
                browser.findElement(By.id("cue-submit")).click();
                wait.until(d -> d.findElements(By.cssSelector("#cue-rows tr")).size() == 1);
                Path cueFile = dir.resolve("cues/Song.cue.json");
                assertThat(Files.readString(cueFile)).contains("\"parcan_r\"").contains("2.5").contains("\"rate\" : 8");
                assertDrawn(screenshot("cues"), "cue-form");

                // select it in the table, edit its time, then undo and redo through the header buttons
                browser.findElement(By.cssSelector("#cue-rows tr")).click();
                wait.until(d -> d.findElement(By.id("cue-submit")).getText().equals("Update cue"));
                browser.findElement(By.id("cue-time")).clear();
                browser.findElement(By.id("cue-time")).sendKeys("4");
                browser.findElement(By.id("cue-submit")).click();
                wait.until(d -> fileContains(cueFile, "\"time\" : 4.0"));
                wait.until(d -> d.findElement(By.id("undo")).isEnabled());
                browser.findElement(By.id("undo")).click();
                wait.until(d -> fileContains(cueFile, "\"time\" : 2.5"));
                browser.findElement(By.id("undo")).click();
                wait.until(d -> d.findElements(By.cssSelector("#cue-rows tr")).isEmpty());
                browser.findElement(By.id("redo")).click();
                wait.until(d -> d.findElements(By.cssSelector("#cue-rows tr")).size() == 1);

                // a tap on a fixture's lane in the timeline prepares a cue there, snapped to a beat
                WebElement timeline = browser.findElement(By.id("timeline"));
                int laneY = 16 + 18 + 64 + 15 * 3 + 7; // ruler, sections, waveform, then lanes (parcan_l is the 4th)
                int x = 84 + (int) ((timeline.getSize().width - 84) * (5.1 / 20));
                new Actions(browser).moveToElement(timeline, x - timeline.getSize().width / 2,
                        laneY - timeline.getSize().height / 2).click().perform();
                wait.until(d -> "5".equals(d.findElement(By.id("cue-time")).getDomProperty("value")));
                assertThat(new Select(browser.findElement(By.id("cue-fixture"))).getFirstSelectedOption()
                        .getDomProperty("value")).isEqualTo("parcan_l");

                // a click on the ruler seeks the server
                new Actions(browser).moveToElement(timeline, 84 + (timeline.getSize().width - 84) / 2
                        - timeline.getSize().width / 2, 8 - timeline.getSize().height / 2).click().perform();
                wait.until(d -> serverTimeMs(port) > 9000 && serverTimeMs(port) < 11000);

                // play: the clock advances and fixture controls are locked with a reason
                browser.findElement(By.id("play")).click();
                wait.until(d -> d.findElement(By.id("lock-reason")).isDisplayed());
                String before = browser.findElement(By.id("time")).getText();
                wait.until(d -> !d.findElement(By.id("time")).getText().equals(before));
                try (WsTestClient probe = WsTestClient.connect(port)) {
                    assertThat(probe.firstSnapshot().at("/state/playback/state").asText()).isEqualTo("playing");
                }
                showTab("fixtures");
                assertThat(browser.findElement(By.cssSelector("[data-fixture='parcan_l'] .lock-note")).isDisplayed())
                        .isTrue();
                assertDrawn(screenshot("playing"), "stage");
                browser.findElement(By.id("stop")).click();

                // the assistant panel: a question is answered, a request becomes a proposal to accept
                showTab("assistant");
                browser.findElement(By.id("chat-input")).sendKeys("what is the bpm?");
                clickWhenFree(wait, By.id("chat-send"));
                wait.until(d -> d.findElements(By.cssSelector(".bubble.assistant .text")).stream()
                        .anyMatch(e -> e.getText().contains("120 BPM")));
                browser.findElement(By.id("chat-input")).sendKeys("flash parcan_l at 0:05");
                clickWhenFree(wait, By.id("chat-send"));
                wait.until(d -> !d.findElements(By.cssSelector(".proposal .accept")).isEmpty());
                screenshot("assistant");
                clickWhenFree(wait, By.cssSelector(".proposal .accept"));
                wait.until(d -> !d.findElements(By.cssSelector(".proposal.applied")).isEmpty());
                assertThat(Files.readString(cueFile)).contains("\"created_by\" : \"assistant\"");
                assertThat(browser.findElements(By.cssSelector("#event-log .event"))).isNotEmpty();
            } finally {
                server.close();
            }
            // the page notices the restart and resynchronises from a fresh snapshot
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> !d.findElement(By.id("connection")).getText().equals("live"));
            server = TestServer.start(dir, receiver.port(), "--port", Integer.toString(port));
            try {
                wait.until(d -> d.findElement(By.id("connection")).getText().equals("live"));
                assertThat(browser.findElements(By.cssSelector(".fixture"))).hasSize(7);
                // and subscribes to the live output again
                long resumed = ((Number) js("return window.beatlight.metrics.liveMessages")).longValue();
                wait.until(d -> ((Number) js("return window.beatlight.metrics.liveMessages")).longValue() > resumed);
                screenshot("reconnected");
            } finally {
                server.close();
            }
        }
    }

    void touchTap(WebElement element, int x, int y) {
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence tap = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(element), x, y))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        ((Interactive) browser).perform(List.of(tap));
    }

    static boolean fileContains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    static long serverTimeMs(int port) {
        try (WsTestClient probe = WsTestClient.connect(port)) {
            return probe.firstSnapshot().at("/state/playback/time_ms").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void fitsATabletScreen() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 20, 120, "{\"intro\": [0, 10], \"outro\": [10, 20]}");
        browser.quit();
        browser = HeadlessChromium.start(1024, 768, true); // a touch tablet
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port())) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            browser.get("http://127.0.0.1:" + server.port() + "/");
            wait.until(d -> d.findElement(By.id("connection")).getText().equals("live"));
            wait.until(d -> d.findElements(By.cssSelector(".fixture")).size() == 7);
            long viewport = ((Number) js("return document.documentElement.clientWidth")).longValue();
            assertThat(((Number) js("return document.documentElement.scrollWidth")).longValue())
                    .as("no horizontal scrolling").isLessThanOrEqualTo(viewport);
            for (String id : new String[] {"play", "pause", "stop", "timeline", "stage", "fixtures", "undo"}) {
                assertThat(browser.findElement(By.id(id)).isDisplayed()).as(id).isTrue();
            }
            assertDrawn(screenshot("tablet-fixtures"), "timeline");
            assertThat((Boolean) js("return matchMedia('(pointer: coarse)').matches")).isTrue();
            // touch: a tap on a swatch and a drag on the pan/tilt pad reach the wire
            long tapped = System.nanoTime();
            touchTap(browser.findElement(By.cssSelector("[data-fixture='parcan_l'] [data-swatch='red']")), 0, 0);
            receiver.awaitDmx(0, tapped, p -> p.channel(17) == 255 && p.channel(19) == 0, Duration.ofSeconds(5));
            WebElement pad = browser.findElement(By.cssSelector("[data-pad='head_el150']"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", pad);
            long dragged = System.nanoTime();
            PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
            Sequence drag = new Sequence(finger, 0)
                    .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(pad), 0, 0))
                    .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                    .addAction(finger.createPointerMove(Duration.ofMillis(200), PointerInput.Origin.fromElement(pad),
                            pad.getSize().width / 2 - 2, pad.getSize().height / 2 - 2))
                    .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
            ((Interactive) browser).perform(List.of(drag));
            receiver.awaitDmx(0, dragged, p -> p.channel(1) >= 0xF8 && p.channel(3) >= 0xF8, Duration.ofSeconds(5));
            showTab("cues");
            assertThat(browser.findElement(By.id("cue-form")).isDisplayed()).isTrue();
            screenshot("tablet-cues");
            showTab("assistant");
            assertThat(browser.findElement(By.id("chat-input")).isDisplayed()).isTrue();
            screenshot("tablet-assistant");
        }
    }

    /** Clicks once the element is no longer covered (the chat log grows and the layout moves under the pointer). */
    private static void clickWhenFree(WebDriverWait wait, By element) {
        wait.ignoring(ElementClickInterceptedException.class).until(d -> {
            d.findElement(element).click();
            return true;
        });
    }
}
