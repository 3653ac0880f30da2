package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.BeatlightServer;
import io.beatlight.testutil.RawWebSocket;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 reaches the server with
 * {@code Host: evil.example}. On a loopback-bound server only loopback names (and --allowed-hosts) are answered, on
 * every route.
 */
@Tag("server")
class HostHeaderTest {
    static final String MCP_INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    static final List<String> GET_ROUTES = List.of("/", "/healthz", "/app/index.html", "/songs/S.wav",
            "/meta/S/x.svg", "/peaks/S", "/no-such-route");

    @TempDir
    Path dir;

    /** Sends one request with the given Host header (null = none) over a plain socket; the whole response. */
    static String request(int port, String method, String path, String host, String... headerAndBody)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            if (host != null) {
                head.append("Host: ").append(host).append("\r\n");
            }
            String body = headerAndBody.length % 2 == 1 ? headerAndBody[headerAndBody.length - 1] : "";
            for (int i = 0; i + 1 < headerAndBody.length; i += 2) {
                head.append(headerAndBody[i]).append(": ").append(headerAndBody[i + 1]).append("\r\n");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0 && response.length() < 200_000; ) {
                response.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (method.equals("POST") && response.indexOf("\r\n\r\n") > 0 && response.indexOf("}") > 0) {
                    break; // an MCP answer may keep its stream open
                }
            }
            return response.toString();
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    static String mcpInitialize(int port, String host, String origin) throws IOException {
        return origin == null
                ? request(port, "POST", "/mcp", host, "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream", MCP_INITIALIZE)
                : request(port, "POST", "/mcp", host, "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream", "Origin", origin, MCP_INITIALIZE);
    }

    static RawWebSocket upgrade(int port, String host, String origin) throws IOException {
        return upgrade(port, "/ws", host, origin);
    }

    static RawWebSocket upgrade(int port, String pathAndQuery, String host, String origin) throws IOException {
        return RawWebSocket.connect(URI.create("ws://127.0.0.1:" + port + pathAndQuery), host, origin, 10_000,
                new RawWebSocket.Listener() {
                    @Override
                    public void onText(String text) {
                    }

                    @Override
                    public void onClose(int code, String reason) {
                    }

                    @Override
                    public void onError(Throwable error) {
                    }
                });
    }

    @Test
    void aLoopbackServerRefusesForeignHostsOnEveryRoute() throws Exception {
        TestShow.withReferenceRig(dir).song("S", 1, 120, null);
        try (BeatlightServer server = TestServer.start(dir, 9)) {
            int port = server.port();
            String evil = "evil.example:" + port;
            for (String path : GET_ROUTES) {
                String response = request(port, "GET", path, evil);
                assertThat(status(response)).as(path).isEqualTo(403);
                assertThat(response).as(path).contains("host_not_allowed");
            }
            assertThat(status(mcpInitialize(port, evil, "http://" + evil))).isEqualTo(403);
            assertThat(status(mcpInitialize(port, evil, null))).isEqualTo(403);
            assertThatThrownBy(() -> upgrade(port, evil, "http://" + evil)).hasMessageContaining("403");
            assertThatThrownBy(() -> upgrade(port, evil, null)).hasMessageContaining("403");
            // a loopback address other than 127.0.0.1 and a name that merely starts like one are foreign too
            assertThat(status(request(port, "GET", "/", "127.0.0.1.evil.example:" + port))).isEqualTo(403);
            assertThat(status(request(port, "GET", "/", "localhost.evil.example"))).isEqualTo(403);

            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "LOCALHOST",
                    "localhost:80", "127.0.0.1")) {
                assertThat(status(request(port, "GET", "/healthz", host))).as(host).isEqualTo(200);
                assertThat(status(request(port, "GET", "/songs/S.wav", host))).as(host).isEqualTo(200);
                try (RawWebSocket ws = upgrade(port, host, null)) {
                    assertThat(ws).isNotNull();
                }
            }
            assertThat(status(mcpInitialize(port, "localhost:" + port, "http://localhost:" + port)))
                    .isEqualTo(200);
        }
    }

    @Test
    void allowedHostsAreAnsweredToo() throws Exception {
        TestShow.withReferenceRig(dir).song("S", 1, 120, null);
        try (BeatlightServer server = TestServer.start(dir, 9, "--allowed-hosts", "show.lan, Console.Example")) {
            int port = server.port();
            for (String host : List.of("show.lan:" + port, "console.example", "127.0.0.1:" + port)) {
                assertThat(status(request(port, "GET", "/healthz", host))).as(host).isEqualTo(200);
                try (RawWebSocket ws = upgrade(port, host, null)) {
                    assertThat(ws).isNotNull();
                }
            }
            assertThat(status(mcpInitialize(port, "show.lan:" + port, "http://show.lan:" + port))).isEqualTo(200);
            assertThat(status(request(port, "GET", "/healthz", "evil.example:" + port))).isEqualTo(403);
        }
    }

    @Test
    void hostRules() {
        AccessControl loopback = new AccessControl(Optional.empty(), List.of(), AccessControl.HostRule.of(
                "127.0.0.1", List.of()));
        assertThat(loopback.hostAllowed("localhost:5001")).isTrue();
        assertThat(loopback.hostAllowed("[::1]")).isTrue();
        assertThat(loopback.hostAllowed("[::1]:5001")).isTrue();
        assertThat(loopback.hostAllowed(null)).isTrue(); // not a browser: browsers always send Host
        assertThat(loopback.hostAllowed("evil.example:5001")).isFalse();
        assertThat(loopback.hostAllowed("")).isFalse();
        assertThat(loopback.hostAllowed("127.0.0.2")).isFalse();
        assertThat(loopback.hostAllowed("localhost.:5001")).isFalse();
        // bound to ::1 or localhost: the same rule
        assertThat(new AccessControl(Optional.empty(), List.of(), AccessControl.HostRule.of("::1", List.of()))
                .hostAllowed("evil.example")).isFalse();
        assertThat(new AccessControl(Optional.empty(), List.of(), AccessControl.HostRule.of("localhost",
                List.of())).hostAllowed("evil.example")).isFalse();
        // bound to the network: any Host, unless --allowed-hosts lists them
        AccessControl open = new AccessControl(Optional.empty(), List.of(), AccessControl.HostRule.of("0.0.0.0",
                List.of()));
        assertThat(open.hostAllowed("192.168.1.20:5001")).isTrue();
        assertThat(open.hostAllowed("evil.example")).isTrue();
        AccessControl listed = new AccessControl(Optional.empty(), List.of(), AccessControl.HostRule.of("0.0.0.0",
                List.of("show.lan", "192.168.1.20")));
        assertThat(listed.hostAllowed("192.168.1.20:5001")).isTrue();
        assertThat(listed.hostAllowed("SHOW.LAN")).isTrue();
        assertThat(listed.hostAllowed("localhost:5001")).isTrue();
        assertThat(listed.hostAllowed("evil.example")).isFalse();
    }
}
