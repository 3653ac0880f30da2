package io.beatlight.rig.library;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A .qxf the JDK's XML parser fails on with a RuntimeException of its own is refused like any other malformed file
 * (found by FixtureImportFuzzTest: a control character in the DOCTYPE made the parser throw
 * MissingResourceException "InvalidCharInDTD").
 */
class MalformedXmlTest {
    @TempDir
    Path dir;

    @Test
    void aControlCharacterInTheDoctypeIsAnImportError() throws Exception {
        Path file = dir.resolve("Bad-Doctype.qxf");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE FixtureDefinition [ti\u0004]>\n<FixtureDefinition/>", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FixtureFiles.read(file)).isInstanceOf(FixtureImportException.class)
                .hasMessageContaining("Bad-Doctype.qxf").hasMessageContaining("InvalidCharInDTD");
    }
}
