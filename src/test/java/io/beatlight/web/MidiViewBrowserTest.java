package io.beatlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.HeadlessChromium;
import io.beatlight.testutil.LoopbackMidiDevice;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.JsonFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import javax.sound.midi.ShortMessage;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The MIDI view in headless Chromium with an in-process MIDI input on the server: learn binds the next CC to the
 * master dimmer and the next note to a blackout, the mappings list and midi.json show them, the learned controls
 * work, "Learn" on a row gives it a new note, and Remove deletes it.
 */
@Tag("browser")
class MidiViewBrowserTest {
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
    void learnModeBindsControlsFromTheBrowser() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        LoopbackMidiDevice pads = new LoopbackMidiDevice("Browser Pads");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), List.of(pads),
                     "--midi-input", "browser")) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://127.0.0.1:" + server.port() + "/");
            wait.until(d -> !d.findElements(By.cssSelector(".fixture")).isEmpty());
            browser.findElement(By.cssSelector("[data-tab='midi']")).click();
            wait.until(d -> text("#midi-input-info").startsWith("Input: Browser Pads"));
            assertThat(text("#midi-rows")).contains("No mappings yet");

            // learn the master dimmer from a fader
            new Select(browser.findElement(By.id("midi-action"))).selectByValue("master_dimmer");
            browser.findElement(By.id("midi-learn")).click();
            wait.until(d -> text("#midi-learning").startsWith("Learning “Master dimmer”"));
            assertThat(text("#midi-status")).isEqualTo("learning…");
            pads.send(ShortMessage.CONTROL_CHANGE, 1, 7, 127);
            wait.until(d -> text("#midi-rows").contains("CC 7 · ch 1"));
            assertThat(text("#midi-rows")).contains("Master dimmer");
            assertThat(text("#midi-learning")).isEmpty();
            pads.send(ShortMessage.CONTROL_CHANGE, 1, 7, 0);
            wait.until(d -> text("#master-dimmer-value").equals("0 %"));
            receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(16) == 0, Duration.ofSeconds(5));
            pads.send(ShortMessage.CONTROL_CHANGE, 1, 7, 127);
            wait.until(d -> text("#master-dimmer-value").equals("100 %"));

            // learn a momentary blackout from a pad
            new Select(browser.findElement(By.id("midi-action"))).selectByValue("blackout:momentary");
            browser.findElement(By.id("midi-learn")).click();
            wait.until(d -> text("#midi-learning").contains("Blackout (momentary)"));
            pads.send(ShortMessage.NOTE_ON, 10, 36, 100);
            pads.send(ShortMessage.NOTE_OFF, 10, 36, 0);
            wait.until(d -> text("#midi-rows").contains("Note 36 · ch 10"));
            pads.send(ShortMessage.NOTE_ON, 10, 36, 100);
            wait.until(d -> text("#master-blackout").equals("Blackout ON"));
            pads.send(ShortMessage.NOTE_OFF, 10, 36, 0);
            wait.until(d -> text("#master-blackout").equals("Blackout"));
            wait.until(d -> text("#midi-last").contains("Note off 36"));

            JsonNode file = JsonFiles.read(dir.resolve("midi.json"));
            assertThat(file.get("mappings")).hasSize(2);
            assertThat(file.at("/mappings/1/action/mode").asText()).isEqualTo("momentary");
            String padId = file.at("/mappings/1/id").asText();

            // "Learn" on the row: the same action moves to another note, under the same id
            browser.findElement(By.cssSelector("button[data-learn='" + padId + "']")).click();
            wait.until(d -> text("#midi-learning").contains("Blackout (momentary)"));
            pads.send(ShortMessage.NOTE_ON, 10, 38, 100);
            wait.until(d -> text("#midi-rows").contains("Note 38 · ch 10"));
            assertThat(text("#midi-rows")).doesNotContain("Note 36");
            screenshot("midi-view");

            // cancel and remove
            browser.findElement(By.id("midi-learn")).click();
            wait.until(d -> browser.findElement(By.id("midi-cancel-learn")).isDisplayed());
            browser.findElement(By.id("midi-cancel-learn")).click();
            wait.until(d -> text("#midi-learning").isEmpty());
            browser.findElement(By.cssSelector("button[data-remove='" + padId + "']")).click();
            wait.until(d -> !text("#midi-rows").contains("Note 38"));
            wait.until(d -> {
                try {
                    return JsonFiles.read(dir.resolve("midi.json")).get("mappings").size() == 1;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
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
