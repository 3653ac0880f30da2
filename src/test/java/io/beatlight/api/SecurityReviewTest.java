package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.Config;
import io.beatlight.testutil.RawWebSocket;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security rules, one test each, over every route the server has registered (so a route added without the checks
 * fails here): the token, the Origin rules, files outside their folder, and the default listen address.
 */
@Tag("server")
class SecurityReviewTest {
    static final String TOKEN = "s3cret-token";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> TRAVERSALS = List.of("../secret.txt", "..%2Fsecret.txt", "%2e%2e/secret.txt",
            "%2e%2e%2fsecret.txt", "..%5Csecret.txt", "%252e%252e%252fsecret.txt", "....//secret.txt",
            "S/../../secret.txt", "/etc/passwd", "%2Fetc%2Fpasswd", "..%c0%afsecret.txt", "..;/secret.txt");
    static final List<String> BAD_IDS = List.of("../secret", "../../secret", "/etc/passwd", "..\\secret",
            "S/../../secret", "%2e%2e%2fsecret", "..\u0000/secret", "");

    @TempDir
    Path dir;

    Path show() throws Exception {
        Path show = dir.resolve("show");
        TestShow.withReferenceRig(show).song("S", 1, 120, null);
        Files.createDirectories(show.resolve("meta/S"));
        Files.writeString(show.resolve("meta/S/plot.svg"), "<svg/>");
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        Files.writeString(dir.resolve("secret.json"), "{\"top\": \"secret\"}");
        return show;
    }

    static HttpResponse<String> send(int port, String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        boolean post = method.equals("POST");
        b.method(method, post ? HttpRequest.BodyPublishers.ofString(HostHeaderTest.MCP_INITIALIZE)
                : HttpRequest.BodyPublishers.noBody());
        if (post) {
            b.header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A concrete path for a registered route pattern: its parameters filled with things that exist. */
    static String concrete(String pattern) {
        Map<String, String> values = new TreeMap<>(Map.of("/songs/<path>", "/songs/S.wav",
                "/meta/<path>", "/meta/S/plot.svg", "/peaks/{song}", "/peaks/S", "/app/<file>", "/app/index.html"));
        return values.getOrDefault(pattern, pattern.replaceAll("[{<][^}>]*[}>]", "x"));
    }

    @Test
    void theTokenGuardsEveryRegisteredRouteButHealth() throws Exception {
        try (BeatlightServer server = TestServer.start(show(), 9, "--token", TOKEN)) {
            int port = server.port();
            List<String> routes = server.routes();
            assertThat(routes).contains("GET /healthz", "GET /", "GET /songs/<path>", "HEAD /songs/<path>",
                    "GET /peaks/{song}", "WS /ws", "SERVLET /mcp");
            List<String> checked = new ArrayList<>();
            for (String route : routes) {
                String method = route.substring(0, route.indexOf(' '));
                String path = concrete(route.substring(route.indexOf(' ') + 1));
                if (method.equals("WS")) {
                    assertThatThrownBy(() -> HostHeaderTest.upgrade(port, path, "127.0.0.1:" + port, null))
                            .as(route).hasMessageContaining("401");
                    assertThatThrownBy(() -> HostHeaderTest.upgrade(port, path + "?token=wrong", "127.0.0.1:" + port,
                            null)).as(route).hasMessageContaining("401");
                    try (RawWebSocket ws = HostHeaderTest.upgrade(port, path + "?token=" + TOKEN,
                            "127.0.0.1:" + port, null)) {
                        assertThat(ws).isNotNull();
                    }
                    checked.add(route);
                    continue;
                }
                List<String> methods = method.equals("SERVLET") ? List.of("GET", "POST", "DELETE") : List.of(method);
                for (String m : methods) {
                    int without = send(port, m, path).statusCode();
                    int wrong = send(port, m, path, "Authorization", "Bearer wrong").statusCode();
                    int with = send(port, m, path, "Authorization", "Bearer " + TOKEN).statusCode();
                    if (path.equals("/healthz")) {
                        assertThat(without).as(route).isEqualTo(200);
                    } else {
                        assertThat(List.of(without, wrong)).as(route).containsOnly(401);
                        assertThat(with).as(route).isNotIn(401, 403);
                    }
                }
                checked.add(route);
            }
            assertThat(checked).hasSameSizeAs(routes);
            assertThat(send(port, "GET", "/no-such-route").statusCode()).isEqualTo(401);
            assertThat(send(port, "POST", "/mcp", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void foreignOriginsMayNotOpenTheWebSocketOrCallMcp() throws Exception {
        try (BeatlightServer server = TestServer.start(show(), 9, "--allowed-origins", "https://console.example")) {
            int port = server.port();
            String host = "127.0.0.1:" + port;
            for (String origin : List.of("https://evil.example", "http://evil.example:" + port, "null",
                    "http://localhost:1", "file://")) {
                assertThatThrownBy(() -> HostHeaderTest.upgrade(port, host, origin)).as(origin)
                        .hasMessageContaining("403");
                assertThat(send(port, "POST", "/mcp", "Origin", origin).statusCode()).as(origin).isEqualTo(403);
            }
            for (String origin : List.of("http://" + host, "http://localhost:" + port, "https://console.example")) {
                try (RawWebSocket ws = HostHeaderTest.upgrade(port, host, origin)) {
                    assertThat(ws).isNotNull();
                }
                assertThat(send(port, "POST", "/mcp", "Origin", origin).statusCode()).as(origin).isEqualTo(200);
            }
        }
    }

    static long filesUnder(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.count();
        }
    }

    @Test
    void noRequestNamesAFileOutsideItsFolder() throws Exception {
        Path show = show();
        try (BeatlightServer server = TestServer.start(show, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            int port = server.port();
            for (String prefix : List.of("/songs/", "/meta/", "/peaks/", "/app/")) {
                for (String traversal : TRAVERSALS) {
                    String response = HostHeaderTest.request(port, "GET", prefix + traversal, "127.0.0.1:" + port);
                    int status = HostHeaderTest.status(response);
                    assertThat(status).as(prefix + traversal).isIn(400, 404);
                    assertThat(response).as(prefix + traversal).doesNotContain("top secret", "root:");
                }
            }
            long before = filesUnder(dir);
            for (String id : BAD_IDS) {
                assertRefused(client.call("song.load", Json.object().put("filename", id)), id);
                assertRefused(client.call("song.analyze", Json.object().put("filename", id)), id);
                assertRefused(client.call("rig.add_fixture", Json.object().put("template", "fixture." + id)
                        .put("universe", 3).put("address", 1)), id);
                assertRefused(client.call("rig.add_fixture", Json.object().put("library_id", id)
                        .put("universe", 3).put("address", 1)), id);
                assertRefused(client.call("library.get", Json.object().put("id", id)), id);
                assertRefused(client.call("chaser.apply", Json.object().put("chaser_id", id).put("time", 0)), id);
                assertRefused(client.call("chaser.preview", Json.object().put("chaser_id", id)), id);
            }
            // a POI id is a value in pois.json, never a file name
            client.call("poi.create", Json.object().put("id", "../../evil"));
            assertThat(filesUnder(dir)).isEqualTo(before + 1); // pois.json.bak, beside pois.json
            assertThat(show.resolve("fixtures/pois.json.bak")).exists();
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("evil"));
            }
        }
    }

    static void assertRefused(JsonNode reply, String id) {
        assertThat(reply.path("ok").asBoolean()).as("%s → %s", id, reply).isFalse();
        assertThat(reply.toString()).doesNotContain("top secret");
    }

    @Test
    void theServerListensOnLoopbackUnlessToldOtherwise() throws Exception {
        Path show = show();
        assertThat(Config.parse("--show-dir", show.toString()).host()).isEqualTo("127.0.0.1");
        assertThat(Config.parse("--show-dir", show.toString(), "--listen-all").host()).isEqualTo("0.0.0.0");
        try (BeatlightServer server = BeatlightServer.start(Config.parse("--show-dir", show.toString(), "--port", "0",
                "--artnet-targets", "127.0.0.1:9", "--artnet-listen-port", "0", "--artnet-source-port", "0"))) {
            assertThat(server.listenHost()).isEqualTo("127.0.0.1");
        }
    }
}
