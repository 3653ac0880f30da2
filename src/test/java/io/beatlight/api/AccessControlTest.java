package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.BeatlightServer;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Origin checks on the WebSocket upgrade and the optional access token. */
@Tag("server")
class AccessControlTest {
    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    URI ws(BeatlightServer server, String query) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws" + (query == null ? "" : "?" + query));
    }

    HttpResponse<String> get(BeatlightServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void foreignOriginsAreRefusedAndLocalOnesAccepted() throws Exception {
        TestShow.withReferenceRig(dir);
        try (BeatlightServer server = TestServer.start(dir, 9, "--allowed-origins", "https://console.example")) {
            int port = server.port();
            assertThatThrownBy(() -> WsTestClient.connect(ws(server, null), "https://evil.example"))
                    .hasStackTraceContaining("403");
            assertThatThrownBy(() -> WsTestClient.connect(ws(server, null), "http://localhost:1"))
                    .hasStackTraceContaining("403");
            for (String origin : List.of("http://127.0.0.1:" + port, "http://localhost:" + port,
                    "https://console.example")) {
                try (WsTestClient client = WsTestClient.connect(ws(server, null), origin)) {
                    assertThat(client.firstSnapshot().get("type").asText()).isEqualTo("snapshot");
                }
            }
            try (WsTestClient client = WsTestClient.connect(ws(server, null), null)) {
                client.firstSnapshot();
            }
        }
    }

    @Test
    void originRules() {
        AccessControl access = new AccessControl(Optional.empty(), List.of("http://tablet.local:8080/"));
        assertThat(access.originAllowed(null, "x", 5001)).isTrue();
        assertThat(access.originAllowed("http://show.lan:5001", "show.lan:5001", 5001)).isTrue();
        assertThat(access.originAllowed("http://show.lan", "show.lan", 5001)).isTrue();
        assertThat(access.originAllowed("http://other.lan:5001", "show.lan:5001", 5001)).isFalse();
        assertThat(access.originAllowed("http://TABLET.local:8080", "show.lan:5001", 5001)).isTrue();
        assertThat(access.originAllowed("null", "show.lan:5001", 5001)).isFalse();
        assertThat(access.originAllowed("file://", "show.lan:5001", 5001)).isFalse();
        assertThat(access.originAllowed("http://[::1]:5001", "x:1", 5001)).isTrue();
        assertThat(new AccessControl(Optional.empty(), List.of("*")).originAllowed("http://a.b", "c", 1)).isTrue();
    }

    @Test
    void theTokenGuardsHttpAndWebSocketButNotHealth() throws Exception {
        TestShow.withReferenceRig(dir).song("S", 1, 120, null);
        try (BeatlightServer server = TestServer.start(dir, 9, "--token", "s3cret")) {
            HttpResponse<String> denied = get(server, "/songs/S.wav");
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.body()).contains("unauthorized");
            assertThat(get(server, "/songs/S.wav", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(get(server, "/songs/S.wav", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
            HttpResponse<String> viaQuery = get(server, "/?token=s3cret");
            assertThat(viaQuery.statusCode()).isEqualTo(200);
            String cookie = viaQuery.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
            assertThat(get(server, "/songs/S.wav", "Cookie", cookie.split(";")[0]).statusCode()).isEqualTo(200);
            HttpResponse<String> health = get(server, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).doesNotContain("s3cret");

            assertThatThrownBy(() -> WsTestClient.connect(ws(server, null), null)).hasStackTraceContaining("401");
            assertThatThrownBy(() -> WsTestClient.connect(ws(server, "token=nope"), null))
                    .hasStackTraceContaining("401");
            try (WsTestClient client = WsTestClient.connect(ws(server, "token=s3cret"), null)) {
                client.firstSnapshot();
            }
        }
    }
}
