package io.beatlight.show;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.RigLoader;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.beatlight.effects.RenderVersion;

/**
 * Every reference render in src/test/resources/golden (copied from the compat folder): the v1 renderer must
 * reproduce each canvas byte for byte.
 */
class GoldenRenderTest {
    @TempDir
    static Path dir;

    static Stream<String> cases() throws Exception {
        JsonNode index = read("/golden/index.json");
        List<String> names = new ArrayList<>();
        for (String section : new String[] {"cases", "previews"}) {
            for (JsonNode entry : index.path(section)) {
                names.add(entry.get("file").asText());
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(42);
        return names.stream();
    }

    static JsonNode read(String resource) throws Exception {
        try (InputStream in = GoldenRenderTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return Json.MAPPER.readTree(in);
        }
    }

    static RigLoader.Result rig() throws Exception {
        Path show = dir.resolve("rig");
        if (!show.resolve("fixtures").toFile().exists()) {
            TestShow.withReferenceRig(show);
        }
        return RigLoader.load(show.resolve("fixtures"));
    }

    static List<CueRow> rows(JsonNode entries) {
        List<CueRow> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            JsonNode data = e.get("data");
            rows.add(new CueRow(e.get("time").asDouble(), e.get("fixture_id").asText(), e.get("effect").asText(),
                    e.has("duration") && !e.get("duration").isNull() ? e.get("duration").asDouble() : 0,
                    data == null || data.isNull() ? Json.object() : data, i));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactlyLikeTheReference(String file) throws Exception {
        JsonNode golden = read("/golden/" + file);
        RigLoader.Result rig = rig();
        assertThat(rig.problems()).isEmpty();
        List<JsonNode> pois = new ArrayList<>(PoiBook.load(dir.resolve("rig/fixtures/pois.json")).book().valid());
        Renderer renderer = new Renderer(new EffectRegistry());
        int fps = golden.get("fps").asInt();
        Canvas canvas;
        if ("preview".equals(golden.path("kind").asText())) {
            byte[] baseBytes = java.util.Arrays.copyOf(HexFormat.of().parseHex(golden.get("base_universe").asText()),
                    UniverseLayout.UNIVERSE_SIZE);
            DmxBuffer base = DmxBuffer.copyOf(io.beatlight.dmx.DmxFrame.wrap(UniverseLayout.single(), baseBytes, 0));
            canvas = renderer.preview(new RenderInput(rig.rig(), pois, List.of(), golden.get("duration_s").asDouble(),
                    fps, RenderVersion.V1, base.freeze()), golden.get("fixture_id").asText(),
                    golden.get("effect").asText(), golden.get("data"));
        } else {
            canvas = renderer.render(new RenderInput(rig.rig(), pois, rows(golden.at("/cue_sheet/entries")),
                    golden.get("song_length_s").asDouble(), fps, RenderVersion.V1));
        }
        assertThat(canvas.frameCount()).as("total_frames").isEqualTo(golden.get("total_frames").asInt());
        int maxChannel = golden.get("max_channel").asInt();
        JsonNode frames = golden.get("frames");
        for (int f = 0; f < frames.size(); f++) {
            byte[] expected = HexFormat.of().parseHex(frames.get(f).asText());
            for (int c = 1; c <= maxChannel; c++) {
                int got = canvas.frame(f).get(0, c);
                int want = expected[c - 1] & 0xFF;
                if (got != want) {
                    String check = "";
                    for (JsonNode k : golden.path("checks")) {
                        if (k.path("frame").asInt() == f && k.path("channel").asInt() == c) {
                            check = " — check: " + k.path("rule").asText();
                        }
                    }
                    fail("%s: frame %d channel %d is %d, reference %d (%s)%s", file, f, c, got, want,
                            golden.path("description").asText(), check);
                }
            }
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canvas.bytes()));
        assertThat(sha).as("canvas_sha256").isEqualTo(golden.get("canvas_sha256").asText());
    }
}
