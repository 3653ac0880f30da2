package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** /songs and /meta: ranges, types, and every way of trying to leave the folder. */
@Tag("server")
class HttpRoutesTest {
    @TempDir
    static Path dir;
    static BeatlightServer server;
    static byte[] audio;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        TestShow.withReferenceRig(dir.resolve("show")).song("Song A", 2, 120, null);
        Path songs = dir.resolve("show/songs");
        audio = Files.readAllBytes(songs.resolve("Song A.wav"));
        Files.write(songs.resolve("Ünïcode song.mp3"), new byte[] {1, 2, 3, 4, 5});
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        Files.createSymbolicLink(songs.resolve("escape.mp3"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(songs.resolve("inside.mp3"), songs.resolve("Song A.wav"));
        Path meta = dir.resolve("show/meta/Song A");
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("plot.svg"), "<svg/>");
        server = TestServer.start(dir.resolve("show"), 9);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a request line exactly as written (the JDK client normalises paths). */
    static String raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void waveformPeaksForTheTimeline() throws Exception {
        HttpResponse<byte[]> response = get("/peaks/Song%20A");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.body());
        double perSecond = body.get("per_second").asDouble();
        assertThat(perSecond).isCloseTo(22050 / 256.0, Assertions.within(1e-9));
        byte[] min = Base64.getDecoder().decode(body.get("min").asText());
        byte[] max = Base64.getDecoder().decode(body.get("max").asText());
        assertThat(min).hasSameSizeAs(max);
        assertThat(min.length).isBetween((int) (2 * perSecond) - 1, (int) (2 * perSecond) + 2); // a 2 s song
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/peaks/Song%20A", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/peaks/Nope").statusCode()).isEqualTo(404);
        assertThat(get("/peaks/..%2Fsecret").statusCode()).isEqualTo(404);
        // not audio at all: refused, and the browser falls back to decoding itself
        assertThat(get("/peaks/%C3%9Cn%C3%AFcode%20song").statusCode()).isEqualTo(415);
    }

    @Test
    void servesAWholeFileWithTypeAndLength() throws Exception {
        HttpResponse<byte[]> response = get("/songs/Song%20A.wav");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(audio);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(audio.length));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(get("/songs/%C3%9Cn%C3%AFcode%20song.mp3").headers().firstValue("Content-Type"))
                .hasValue("audio/mpeg");
        assertThat(get("/meta/Song%20A/plot.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void headSendsHeadersOnly() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/songs/Song%20A.wav")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(audio.length));
    }

    @Test
    void everyRangeForm() throws Exception {
        HttpResponse<byte[]> mid = get("/songs/Song%20A.wav", "Range", "bytes=10-19");
        assertThat(mid.statusCode()).isEqualTo(206);
        assertThat(mid.body()).isEqualTo(Arrays.copyOfRange(audio, 10, 20));
        assertThat(mid.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + audio.length);
        HttpResponse<byte[]> open = get("/songs/Song%20A.wav", "Range", "bytes=100-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(audio, 100, audio.length));
        HttpResponse<byte[]> suffix = get("/songs/Song%20A.wav", "Range", "bytes=-7");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(audio, audio.length - 7, audio.length));
        HttpResponse<byte[]> past = get("/songs/Song%20A.wav", "Range", "bytes=10-999999999");
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes 10-" + (audio.length - 1) + "/"
                + audio.length);
        HttpResponse<byte[]> unsatisfiable = get("/songs/Song%20A.wav", "Range", "bytes=" + audio.length + "-");
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */" + audio.length);
        HttpResponse<byte[]> multi = get("/songs/Song%20A.wav", "Range", "bytes=0-1,5-6");
        assertThat(multi.statusCode()).isEqualTo(200);
        assertThat(multi.body()).isEqualTo(audio);
    }

    @Test
    void conditionalRequestsGet304() throws Exception {
        String etag = get("/songs/Song%20A.wav").headers().firstValue("ETag").orElseThrow();
        assertThat(get("/songs/Song%20A.wav", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void missingFilesAndFoldersAre404() throws Exception {
        assertThat(get("/songs/nope.mp3").statusCode()).isEqualTo(404);
        assertThat(get("/meta/Song%20A").statusCode()).isEqualTo(404);
        assertThat(get("/meta/nothing/here.json").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/songs/../secret.txt", "/songs/%2e%2e/secret.txt", "/songs/%2E%2E%2Fsecret.txt",
            "/songs/..%2fsecret.txt", "/songs//etc/passwd", "/songs/%2Fetc%2Fpasswd",
            "/songs/..\\secret.txt", "/songs/%5C..%5Csecret.txt", "/songs/..%5csecret.txt",
            "/songs/escape.mp3", "/songs/.%2e/secret.txt", "/songs/%252e%252e/secret.txt",
            "/songs/%c0%ae%c0%ae/secret.txt", "/meta/Song%20A/../../songs/Song%20A.wav"})
    void traversalAttemptsAre404(String path) throws Exception {
        String response = raw("GET " + path + " HTTP/1.1");
        assertThat(response).doesNotContain("top secret");
        assertThat(response).startsWith("HTTP/1.1 404");
    }

    /** These never reach a route: the HTTP parser refuses paths above the server root and NUL bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"/songs/..%2F..%2Fsecret.txt", "/meta/../../secret.txt", "/songs/Song%20A.wav%00.txt"})
    void unresolvableUrisAreRefusedBeforeRouting(String path) throws Exception {
        String response = raw("GET " + path + " HTTP/1.1");
        assertThat(response).doesNotContain("top secret");
        assertThat(response).matches("(?s)HTTP/1.1 40[04] .*");
    }

    @Test
    void aSymlinkThatStaysInsideIsServed() throws Exception {
        assertThat(get("/songs/inside.mp3").statusCode()).isEqualTo(200);
    }
}
