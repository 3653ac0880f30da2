package io.beatlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The bundled control client in headless Chromium (Debian's, driven by its chromedriver; no browser is ever
 * downloaded). Skipped with a message when they are not installed; CI installs them.
 */
class BrowserClientTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;
    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
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
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(5_000);
        return target;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void controlsTheRigEditsCuesAndSurvivesARestart() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 20, 120, "{\"intro\": [0, 10], \"outro\": [10, 20]}");
        int port = freePort();
        try (ArtNetReceiver receiver = new ArtNetReceiver()) {
            BeatlightServer server = TestServer.start(dir, receiver.port(), "--port", Integer.toString(port));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                long loadStart = System.nanoTime();
                browser.get("http://127.0.0.1:" + port + "/");
                wait.until(d -> d.findElement(By.id("connection")).getText().equals("live"));
                System.out.printf("page load to first live snapshot: %.0f ms%n", (System.nanoTime() - loadStart) / 1e6);
                wait.until(d -> d.findElements(By.cssSelector(".fixture")).size() == 7);
                assertThat(browser.findElement(By.id("song-title")).getText()).isEqualTo("Song");
                screenshot("fixtures");

                // a colour swatch on a par reaches the wire
                long clicked = System.nanoTime();
                browser.findElement(By.cssSelector("[data-fixture='parcan_l'] [data-swatch='blue']")).click();
                receiver.awaitDmx(0, clicked, p -> p.channel(17) == 0 && p.channel(19) == 255, Duration.ofSeconds(5));

                // a POI button moves a head to its stored target (piano: pan 43693 = 0xAAAD on head_el150)
                long moved = System.nanoTime();
                browser.findElement(By.cssSelector("[data-fixture='head_el150'] [data-poi='piano']")).click();
                receiver.awaitDmx(0, moved, p -> p.channel(1) == 0xAA && p.channel(2) == 0xAD, Duration.ofSeconds(5));

                // a cue added through the form lands in the cue file
                new Select(browser.findElement(By.id("cue-fixture"))).selectByValue("parcan_r");
                new Select(browser.findElement(By.id("cue-effect"))).selectByValue("strobe");
                // the parameter form comes from the effect's schema
                browser.findElement(By.cssSelector("[data-param='rate']")).sendKeys("8");
                browser.findElement(By.id("cue-time")).clear();
                browser.findElement(By.id("cue-time")).sendKeys("2.5");
                browser.findElement(By.cssSelector("#cue-form button")).click();
                wait.until(d -> d.findElements(By.cssSelector("#cue-rows tr")).size() == 1);
                assertThat(Files.readString(dir.resolve("cues/Song.cue.json"))).contains("\"parcan_r\"")
                        .contains("2.5").contains("\"rate\" : 8");
                screenshot("cues");

                // play: the server's clock runs and editing is locked
                browser.findElement(By.id("play")).click();
                wait.until(d -> d.findElement(By.id("lock-reason")).isDisplayed());
                try (WsTestClient probe = WsTestClient.connect(port)) {
                    assertThat(probe.firstSnapshot().at("/state/playback/state").asText()).isEqualTo("playing");
                }
                screenshot("playing");
                browser.findElement(By.id("stop")).click();
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
                screenshot("reconnected");
            } finally {
                server.close();
            }
        }
    }
}
