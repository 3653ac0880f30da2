package io.beatlight.api.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves files under a root folder ({@code /songs/*}, {@code /meta/*}) with HEAD, byte ranges (the browser seeks
 * audio with them) and conditional requests. A path can never leave its root: {@code ..}, encoded dots, absolute
 * paths, backslashes and symlinks pointing outside all answer 404, like a missing file.
 */
public final class StaticFiles {
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"),
            Map.entry("flac", "audio/flac"), Map.entry("svg", "image/svg+xml"), Map.entry("json", "application/json"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("log", "text/plain; charset=utf-8"));
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private StaticFiles() {
    }

    /** Registers GET and HEAD for {@code prefix/*}; {@code corsOrigin} (e.g. "*") or null for no CORS header. */
    public static void register(Javalin app, String prefix, Supplier<Path> root, String corsOrigin) {
        app.get(prefix + "/<path>", ctx -> serve(ctx, prefix, root.get(), corsOrigin, false));
        app.head(prefix + "/<path>", ctx -> serve(ctx, prefix, root.get(), corsOrigin, true));
    }

    private static void serve(Context ctx, String prefix, Path root, String corsOrigin, boolean headOnly)
            throws IOException {
        // the raw (undecoded) path: the route matched a normalised one, but decoding is done here, strictly
        String raw = ctx.req().getRequestURI();
        String relative = raw.startsWith(prefix + "/") ? raw.substring(prefix.length() + 1) : "";
        Optional<Path> file = resolve(root, relative);
        if (file.isEmpty()) {
            ctx.status(404).result("Not found");
            return;
        }
        Path path = file.get();
        long size = Files.size(path);
        String etag = writeHeaders(ctx, path, size, corsOrigin);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.trim().equals("*"))) {
            ctx.status(304);
            return;
        }
        long[] span = requestedSpan(ctx, size);
        if (span == null) {
            ctx.status(416).header("Content-Range", "bytes */" + size);
            return;
        }
        long length = size == 0 ? 0 : span[1] - span[0] + 1;
        ctx.header("Content-Length", Long.toString(length));
        if (headOnly || length == 0) {
            ctx.result(new byte[0]);
            ctx.header("Content-Length", Long.toString(length));
            return;
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        channel.position(span[0]);
        ctx.result(new BoundedInputStream(Channels.newInputStream(channel), length));
    }

    /** Validators, caching and CORS headers and the content type; returns the (weak) ETag. */
    private static String writeHeaders(Context ctx, Path path, long size, String corsOrigin) throws IOException {
        Instant modified = Files.getLastModifiedTime(path).toInstant();
        String etag = "W/\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", HTTP_DATE.format(modified));
        ctx.header("Cache-Control", "no-cache");
        if (corsOrigin != null && !corsOrigin.isEmpty()) {
            ctx.header("Access-Control-Allow-Origin", corsOrigin);
        }
        ctx.contentType(contentType(path));
        return etag;
    }

    /**
     * The [start, end] bytes to send: the whole file, or a single satisfiable {@code Range} (then status 206 and
     * {@code Content-Range} are set); null when the range cannot be satisfied (416).
     */
    private static long[] requestedSpan(Context ctx, long size) {
        String range = ctx.header("Range");
        Matcher m = range == null ? null : SINGLE_RANGE.matcher(range.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            // no range, or a malformed or multi-range header, which is ignored: the whole file is sent (RFC 9110)
            return new long[] {0, size - 1};
        }
        long[] span = span(m.group(1), m.group(2), size);
        if (span != null) {
            ctx.status(206).header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
        }
        return span;
    }

    /** [start, end] of a satisfiable range, or null (416). */
    private static long[] span(String first, String last, long size) {
        try {
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    return null;
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start >= size || end < start) {
                return null;
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String contentType(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /**
     * Resolves a raw (still percent-encoded) request path below {@code root} to a regular file that really lies
     * inside it, or empty.
     */
    public static Optional<Path> resolve(Path root, String rawRelative) {
        if (root == null || rawRelative == null || rawRelative.isEmpty()) {
            return Optional.empty();
        }
        String decoded = percentDecode(rawRelative);
        if (decoded == null || decoded.isEmpty() || decoded.indexOf('\0') >= 0 || decoded.indexOf('\\') >= 0
                || decoded.startsWith("/")) {
            return Optional.empty();
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        try {
            Path base = root.toAbsolutePath().normalize();
            Path candidate = base.resolve(decoded).normalize();
            if (!candidate.startsWith(base) || !Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(base.toRealPath())) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Strict UTF-8 percent-decoding ('+' stays '+'); null for malformed input. */
    static String percentDecode(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c > 0x7F) {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                if (n + bytes.length > out.length) {
                    out = Arrays.copyOf(out, out.length + bytes.length + 16);
                }
                System.arraycopy(bytes, 0, out, n, bytes.length);
                n += bytes.length;
            } else {
                out[n++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** An InputStream that ends after {@code limit} bytes and closes its source. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
