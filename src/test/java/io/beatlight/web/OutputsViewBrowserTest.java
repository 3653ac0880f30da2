package io.beatlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.FakeArtNetNode;
import io.beatlight.testutil.HeadlessChromium;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Outputs view in headless Chromium: routes per universe with their source (command line, a discovered device's
 * subscription), sender figures, and a discovered device.
 */
@Tag("browser")
class OutputsViewBrowserTest {
    @TempDir
    Path dir;
    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(HeadlessChromium.available(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        browser = HeadlessChromium.start(1280, 1000);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsRoutesSenderFiguresAndTheDevicesDiscoveryFound() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             FakeArtNetNode node = new FakeArtNetNode("Fake node", "Fake node on loopback", 0, 0, 0, 1);
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--artpoll-targets",
                     "127.0.0.1:" + node.port(), "--artpoll-interval", "200", "--node-stale-after", "1")) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://127.0.0.1:" + server.port() + "/");
            wait.until(d -> !d.findElements(By.cssSelector(".fixture")).isEmpty());
            browser.findElement(By.cssSelector("[data-tab='outputs']")).click();

            // the rows are rebuilt as replies arrive: read them in one script call each
            String row = "#outputs-nodes tr[data-node-ip='127.0.0.1']";
            wait.until(d -> !text(row).isEmpty());
            assertThat(text(row)).contains("Fake node").contains("Fake node on loopback").contains("0.0.0 (0)")
                    .contains("0.0.1 (1)");
            assertThat(text("#outputs-count")).isEqualTo("1");

            String route = "#outputs-routes tr[data-route-universe='0']";
            wait.until(d -> text(route).contains(Integer.toString(receiver.port())));
            assertThat(text(route)).isEqualTo("0Art-Net0.0.0 (0)127.0.0.1:" + receiver.port() + "command line");
            // the device outputs Port-Address 0: it subscribes to universe 0 and gets it unicast
            String subscription = route + "[data-route-source='subscription']";
            wait.until(d -> !text(subscription).isEmpty());
            assertThat(text(subscription)).isEqualTo("0Art-Net0.0.0 (0)127.0.0.1:" + node.port()
                    + "subscription (Fake node)");
            node.awaitDmx(0, 0, p -> true, Duration.ofSeconds(5));
            // one universe to two destinations (the target and the subscribed device) at 60 FPS, measured between two
            // /healthz reads on the server's clock; a window that began before the subscription reads less
            wait.until(d -> perSecond(text("#outputs-stats")) >= 80);
            String stats = text("#outputs-stats");
            assertThat(stats).contains("0 errors");
            assertThat(perSecond(stats)).isBetween(80, 160);
            screenshot("outputs-view");

            node.answering(false);
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "const r = document.querySelector(arguments[0]); return !!r && r.classList.contains('stale')", row));
            assertThat(text(row)).contains("stale");
            wait.until(d -> text(subscription).isEmpty()); // a stale device's subscription ends
            assertThat(text(route)).contains(Integer.toString(receiver.port()));
        }
    }

    /** The packets/s figure of the stats line, or -1 before there is one. */
    private static int perSecond(String stats) {
        return stats.matches("^60 FPS · \\d+ packets/s.*")
                ? Integer.parseInt(stats.replaceFirst("^60 FPS · (\\d+) packets/s.*", "$1")) : -1;
    }

    /** The text of the first element matching a CSS selector, or "" when there is none. */
    private String text(String selector) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", selector);
        return (String) text;
    }

    private void screenshot(String name) throws Exception {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
