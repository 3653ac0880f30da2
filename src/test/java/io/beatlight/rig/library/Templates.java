package io.beatlight.rig.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.Effect;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.FixtureTemplate;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.RigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compact views of imported templates for exact assertions, and the library folders the tests read. */
final class Templates {
    /** Debian's qlcplus-data; .ci/run installs it, and the tests that need it say so when it is missing. */
    static final Path QLC = FixtureLibrary.QLCPLUS_SYSTEM_DIR;
    static final Path OFL = Path.of("src/test/resources/fixture-library/ofl");

    private Templates() {
    }

    static Path qlc(String relative) {
        assertThat(QLC).as("the QLC+ fixture definitions of Debian's qlcplus-data package (apt-get install "
                + "qlcplus-data; .ci/run installs it)").isDirectory();
        Path file = QLC.resolve(relative);
        assertThat(Files.isRegularFile(file)).as(file + " in qlcplus-data").isTrue();
        return file;
    }

    /** "dim:0 red:1 …": every channel with its offset, in file order. */
    static String channels(ImportedTemplate t) {
        List<String> out = new ArrayList<>();
        t.template().path("channels").properties().forEach(e -> out.add(e.getKey() + ":" + e.getValue().asInt()));
        return String.join(" ", out);
    }

    /** "dim=u8(dim) rgb=rgb(red,green,blue) …": every meta channel with its kind and channels, in file order. */
    static String metas(ImportedTemplate t) {
        List<String> out = new ArrayList<>();
        t.template().path("meta_channels").properties().forEach(e -> {
            JsonNode meta = e.getValue();
            List<String> names = new ArrayList<>();
            if (meta.has("channel")) {
                names.add(meta.get("channel").asText());
            }
            meta.path("channels").forEach(n -> names.add(n.asText()));
            out.add(e.getKey() + "=" + meta.path("kind").asText() + "(" + String.join(",", names) + ")");
        });
        return String.join(" ", out);
    }

    /** The template as the rig loader reads it; fails the test with the loader's problems when it is rejected. */
    static FixtureTemplate parsed(ImportedTemplate t) {
        List<LoadProblem> problems = new ArrayList<>();
        FixtureTemplate template = RigLoader.parseTemplate(t.fileName(), t.template(), problems);
        assertThat(template).as("template %s rejected: %s", t.fileName(), problems).isNotNull();
        return template;
    }

    /** The ids of the effects a fixture patched with this template offers, as the state document lists them. */
    static List<String> effects(ImportedTemplate t, RenderVersion version) {
        Fixture fixture = new Fixture("f", "f", t.templateKey(), parsed(t), 1, 0, null);
        return new EffectRegistry().supported(fixture, version).stream().map(Effect::id).toList();
    }
}
