package io.beatlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.rig.library.FixtureLibrary;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.HeadlessChromium;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Patch view in headless Chromium: a fixture from the library (qlcplus-data) is patched at the suggested address,
 * its card drives the wire at once, the address map shows footprints and a conflict, and the patch list and the stage
 * plan rename, move, place and remove fixtures.
 */
@Tag("browser")
class PatchViewBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path PARTY = FixtureLibrary.QLCPLUS_SYSTEM_DIR.resolve("Eurolite/Eurolite-LED-PARty-RGBW.qxf");

    @TempDir
    Path dir;
    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(HeadlessChromium.available(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        assumeTrue(Files.isRegularFile(PARTY), "qlcplus-data is not installed (apt-get install qlcplus-data)");
        browser = HeadlessChromium.start(1280, 1000);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    JsonNode fixturesFile() {
        try {
            return JsonFiles.read(dir.resolve("fixtures/fixtures.json"));
        } catch (Exception e) {
            return Json.array();
        }
    }

    JsonNode row(String id) {
        for (JsonNode row : fixturesFile()) {
            if (row.path("id").asText().equals(id)) {
                return row;
            }
        }
        return null;
    }

    @Test
    void patchesALibraryFixtureThatWorksAtOnceThenRenamesMovesPlacesAndRemoves() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 20, 120, null);
        // a hand-edited overlap the address map must show: channels 37..40 are parcan_pr's too
        Path file = show.fixtures().resolve("fixtures.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\\]\\s*$",
                ", {\"id\": \"overlap\", \"name\": \"Overlap\", \"fixture\": \"fixture.parcan.rgb_gen\", "
                        + "\"base_channel\": 37}]"));
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port())) {
            Wait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(60))
                    .ignoring(StaleElementReferenceException.class);
            browser.get("http://127.0.0.1:" + server.port() + "/");
            wait.until(d -> d.findElements(By.cssSelector(".fixture")).size() == 8);
            browser.findElement(By.cssSelector("[data-tab='patch']")).click();
            wait.until(d -> d.findElement(By.id("lib-status")).getText().contains("fixtures in the library"));

            // the map: every footprint, the overlap marked
            assertThat(browser.findElements(By.cssSelector(".dmx-map[data-universe='0'] .cell"))).hasSize(512);
            assertThat(browser.findElements(By.cssSelector(".dmx-map[data-universe='0'] .cell.conflict"))).hasSize(4);
            assertThat(browser.findElements(By.cssSelector(".dmx-map[data-universe='0'] .cell[data-owner]")))
                    .hasSize(57); // the reference rig: 1..65 less the gaps 10..15, 21 and 34; the overlap adds 41

            // search, pick, the next free address suggested: the 6-channel gap at 10..15
            browser.findElement(By.id("lib-search")).sendKeys("eurolite party rgbw");
            By entry = By.cssSelector(".lib-entry[data-library-id$='/LED PARty RGBW']");
            wait.until(d -> !d.findElements(entry).isEmpty());
            browser.findElement(entry).click();
            wait.until(d -> d.findElement(By.id("patch-form")).isDisplayed());
            new Select(browser.findElement(By.id("patch-mode"))).selectByVisibleText("6 Channel — 6 ch");
            wait.until(d -> "10".equals(d.findElement(By.id("patch-address")).getDomProperty("value")));
            assertThat(browser.findElements(By.cssSelector(".dmx-map[data-universe='0'] .cell.proposed"))).hasSize(6);
            // a click on a taken channel shows the conflict before anything is sent
            browser.findElement(By.cssSelector(".dmx-map[data-universe='0'] .cell[data-channel='30']")).click();
            wait.until(d -> d.findElement(By.id("patch-proposal")).getText().contains("overlap"));
            assertThat(browser.findElements(By.cssSelector(".cell.proposed-bad"))).hasSize(6);
            browser.findElement(By.id("patch-next")).click();
            wait.until(d -> "10".equals(d.findElement(By.id("patch-address")).getDomProperty("value")));
            browser.findElement(By.id("patch-name")).sendKeys("Stage Par");
            screenshot("patch-view");
            browser.findElement(By.id("patch-add")).click();
            wait.until(d -> d.findElements(By.cssSelector("[data-patch-row]")).size() == 9);
            String id = (String) js("return Object.entries(window.beatlight.doc.fixtures)"
                    + ".find(([, f]) => f.name === 'Stage Par')[0]");
            assertThat(row(id).get("base_channel").asInt()).isEqualTo(10);
            // the gap is full now: the next 6 free channels start after the rig
            wait.until(d -> "66".equals(d.findElement(By.id("patch-address")).getDomProperty("value")));

            // its card works at once: a colour swatch reaches channels 10..12 on the wire (dimmer on 14)
            browser.findElement(By.cssSelector("[data-tab='fixtures']")).click();
            @SuppressWarnings("unchecked")
            Map<String, Object> colours = (Map<String, Object>) js(
                    "return window.beatlight.doc.fixtures[arguments[0]].mappings.color", id);
            Map.Entry<String, Object> colour = colours.entrySet().stream()
                    .filter(e -> !String.valueOf(e.getValue()).equals("000000")).findFirst().orElseThrow();
            int rgb = Integer.parseInt(String.valueOf(colour.getValue()).replace("#", ""), 16);
            WebElement swatch = browser.findElement(By.cssSelector("[data-fixture='" + id + "'] [data-swatch='"
                    + colour.getKey() + "']"));
            js("arguments[0].scrollIntoView({block: 'center'})", swatch);
            long clicked = System.nanoTime();
            swatch.click();
            receiver.awaitDmx(0, clicked, p -> p.channel(10) == (rgb >> 16) && p.channel(11) == ((rgb >> 8) & 255)
                    && p.channel(12) == (rgb & 255) && p.channel(14) == 255, Duration.ofSeconds(5));

            // rename and move from the list; a move onto another fixture is refused and the field restored
            browser.findElement(By.cssSelector("[data-tab='patch']")).click();
            WebElement name = browser.findElement(By.cssSelector("[data-rename='" + id + "']"));
            name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Front Par", Keys.ENTER);
            wait.until(d -> row(id) != null && row(id).get("name").asText().equals("Front Par"));
            // the list re-renders when the rename's state arrives: type into the field as it is now (retried if stale)
            wait.until(d -> {
                d.findElement(By.cssSelector("[data-address='" + id + "']"))
                        .sendKeys(Keys.chord(Keys.CONTROL, "a"), "60", Keys.ENTER);
                return true;
            });
            // notes come and go as replies and failure events arrive: read whichever error note is there now
            wait.until(d -> d.findElements(By.cssSelector("#messages .note.error")).stream()
                    .anyMatch(note -> note.getText().contains("Mini Beam Prism (R)")));
            wait.until(d -> "10".equals(d.findElement(By.cssSelector("[data-address='" + id + "']"))
                    .getDomProperty("value")));
            wait.until(d -> {
                d.findElement(By.cssSelector("[data-address='" + id + "']"))
                        .sendKeys(Keys.chord(Keys.CONTROL, "a"), "200", Keys.ENTER);
                return true;
            });
            wait.until(d -> row(id).get("base_channel").asInt() == 200);
            long moved = System.nanoTime();
            // it took its look along
            receiver.awaitDmx(0, moved, p -> p.channel(200) == (rgb >> 16) && p.channel(10) == 0,
                    Duration.ofSeconds(5));

            // drag it on the stage plan: the drop sets its location
            WebElement stage = browser.findElement(By.id("stage"));
            js("arguments[0].scrollIntoView({block: 'center'})", stage);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> markers = (List<Map<String, Object>>) js(
                    "return window.beatlight.stageMarkers()");
            Map<String, Object> marker = markers.stream().filter(m -> m.get("id").equals(id)).findFirst()
                    .orElseThrow();
            int fromX = ((Number) marker.get("x")).intValue() - stage.getSize().width / 2;
            int fromY = ((Number) marker.get("y")).intValue() - stage.getSize().height / 2;
            int toX = stage.getSize().width / 2 - stage.getSize().width / 4; // to x = 0.75 of the plan, roughly
            new Actions(browser).moveToElement(stage, fromX, fromY).clickAndHold()
                    .moveToElement(stage, fromX + 20, fromY - 10).moveToElement(stage, toX, 0).release().perform();
            wait.until(d -> row(id).has("location") && row(id).at("/location/x").asDouble() > 0.6);
            assertThat(row(id).at("/location/y").asDouble()).isBetween(0.3, 0.7);

            // remove it, then undo the removal from the patch toolbar
            browser.findElement(By.cssSelector("[data-remove='" + id + "']")).click();
            wait.until(d -> d.findElements(By.cssSelector("[data-patch-row]")).size() == 8);
            assertThat(row(id)).isNull();
            wait.until(d -> d.findElement(By.id("rig-undo")).isEnabled());
            browser.findElement(By.id("rig-undo")).click();
            wait.until(d -> d.findElements(By.cssSelector("[data-patch-row]")).size() == 9);
            assertThat(browser.findElements(By.cssSelector(".fixture"))).hasSize(9);
            screenshot("patch-view-after");
        }
    }
}
