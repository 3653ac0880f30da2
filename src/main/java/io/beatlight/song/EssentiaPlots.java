package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.beatlight.util.FieldReader;
import io.beatlight.util.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis plots listed under {@code artifacts.essentia} of info.json, for the state document's
 * {@code song.analysis.plots}: every object with an {@code svg}, at any depth, becomes {@code id}, {@code title} and
 * an {@code svg_url} the browser can load from {@code /meta/}.
 */
final class EssentiaPlots {
    private final MetaFolder folder;

    EssentiaPlots(MetaFolder folder) {
        this.folder = folder;
    }

    /** {@code info} is null when info.json is missing or not an object. */
    ArrayNode read(FieldReader info, Path songDir) {
        ArrayNode plots = Json.array();
        if (info != null) {
            collect(info.at("artifacts").at("essentia"), "", plots, songDir);
        }
        return plots;
    }

    /** Depth first, in file order; a plot whose file cannot be found is left out. */
    private void collect(FieldReader node, String key, ArrayNode plots, Path songDir) {
        if (!node.node().isObject()) {
            return;
        }
        String svg = node.string("svg");
        if (svg != null && !key.isEmpty()) {
            String url = svgUrl(svg, songDir);
            if (url != null) {
                String title = titleCase(key.replace('_', ' '));
                plots.add(Json.object().put("id", key).put("title", title).put("svg_url", url));
            }
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isObject()) {
                collect(node.at(e.getKey()), e.getKey(), plots, songDir);
            }
        }
    }

    /** URLs and {@code /meta/} paths are kept; other paths must resolve to a file inside the meta folder. */
    private String svgUrl(String svg, Path songDir) {
        if (svg.startsWith("http://") || svg.startsWith("https://") || svg.startsWith("/meta/")) {
            return svg;
        }
        if (svg.startsWith("/app/meta/")) {
            return "/meta/" + encodeSegments(svg.substring("/app/meta/".length()));
        }
        Path resolved = folder.resolveArtifact(svg, songDir);
        if (resolved == null) {
            return null;
        }
        Path relative = folder.root().toAbsolutePath().normalize().relativize(resolved);
        return "/meta/" + encodeSegments(relative.toString().replace('\\', '/'));
    }

    private static String encodeSegments(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    private static String titleCase(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            if (!word.isEmpty()) {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT))
                        .append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }
}
