package io.beatlight.api;

import io.beatlight.util.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The security baseline: a server on loopback answers only loopback Host names (and --allowed-hosts), so a foreign
 * page cannot reach it by DNS rebinding; browsers from foreign origins may not open /ws or call /mcp (a page on
 * another site could otherwise drive the lights through the user's browser); and when an access token is configured
 * every route but /healthz requires it — as a Bearer header, a {@code token} query parameter or the
 * {@code beatlight_token} cookie.
 */
public final class AccessControl {
    public static final String COOKIE = "beatlight_token";
    /** The HTTP error code of a refused Host header (docs/protocol.md#access-control). */
    public static final String HOST_NOT_ALLOWED = "host_not_allowed";

    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private final Optional<byte[]> token;
    private final List<String> allowedOrigins;
    private final HostRule hosts;

    /** Which {@code Host} headers are answered: null = any, else these names (lower case, without port). */
    public record HostRule(List<String> names) {
        /**
         * For a server listening on {@code bindHost}: bound to loopback, only loopback names and {@code allowed};
         * bound to the network, any name unless {@code allowed} lists some (then those and the loopback names).
         */
        public static HostRule of(String bindHost, List<String> allowed) {
            List<String> listed = allowed.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                    .filter(h -> !h.isEmpty()).toList();
            if (!isLoopback(bindHost) && listed.isEmpty()) {
                return new HostRule(null);
            }
            List<String> names = new ArrayList<>(LOOPBACK_NAMES);
            names.addAll(listed);
            return new HostRule(List.copyOf(names));
        }

        private static boolean isLoopback(String bindHost) {
            String h = bindHost.trim().toLowerCase(Locale.ROOT);
            return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
                    || h.equals("0:0:0:0:0:0:0:1");
        }
    }

    public AccessControl(Optional<String> token, List<String> allowedOrigins) {
        this(token, allowedOrigins, new HostRule(null));
    }

    public AccessControl(Optional<String> token, List<String> allowedOrigins, HostRule hosts) {
        this.token = token.filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.allowedOrigins = allowedOrigins.stream().map(AccessControl::normalizeOrigin).toList();
        this.hosts = hosts;
    }

    /**
     * Whether a request with this {@code Host} header is answered (DNS rebinding: a foreign page whose name resolves
     * to this machine sends its own name). The port is not compared: the attacker controls the name, not the port.
     * A request without a Host header is no browser's and passes.
     */
    public boolean hostAllowed(String host) {
        if (hosts.names() == null || host == null) {
            return true;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && colon > h.lastIndexOf(']') && h.substring(colon + 1).matches("\\d{1,5}")) {
            h = h.substring(0, colon);
        }
        return hosts.names().contains(h);
    }

    /**
     * A servlet filter answering 403 to a request whose {@code Host} is not allowed, before any route sees it: every
     * Javalin route, the /ws upgrade, /mcp and unknown paths alike.
     */
    public Filter hostFilter() {
        return new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                    throws IOException, ServletException {
                if (hostAllowed(req.getHeader("Host"))) {
                    chain.doFilter(req, resp);
                    return;
                }
                resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
                resp.setContentType("application/json");
                resp.getWriter().write(Json.write(Json.object().set("error", Json.object()
                        .put("code", HOST_NOT_ALLOWED).put("message", "this server does not answer to that Host "
                                + "name; add it with --allowed-hosts"))));
            }
        };
    }

    public void install(Javalin app) {
        app.wsBeforeUpgrade("/ws", ctx -> {
            if (!originAllowed(ctx.header("Origin"), ctx.header("Host"), ctx.req().getLocalPort())) {
                throw new ForbiddenResponse("WebSocket connections from origin " + ctx.header("Origin")
                        + " are not allowed; add it with --allowed-origins");
            }
            requireToken(ctx, false);
        });
        app.before(ctx -> {
            if (ctx.path().equals("/healthz") || ctx.path().equals("/ws")) {
                return;
            }
            requireToken(ctx, true);
        });
    }

    private void requireToken(Context ctx, boolean rememberInCookie) {
        if (token.isEmpty()) {
            return;
        }
        String fromQuery = ctx.queryParam("token");
        String header = ctx.header("Authorization");
        String fromHeader = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        String fromCookie = ctx.cookie(COOKIE);
        if (matches(fromHeader) || matches(fromCookie)) {
            return;
        }
        if (matches(fromQuery)) {
            if (rememberInCookie) {
                ctx.header("Set-Cookie", COOKIE + "=" + fromQuery + "; Path=/; HttpOnly; SameSite=Strict");
            }
            return;
        }
        throw new UnauthorizedResponse("a valid access token is required");
    }

    /**
     * For endpoints outside Javalin's handlers (the MCP servlet): null when the request may proceed, else why not
     * ("origin …" → 403, "token …" → 401).
     */
    public String deny(String origin, String host, int localPort, String authorization, String cookie, String query) {
        if (!originAllowed(origin, host, localPort)) {
            return "origin " + origin + " is not allowed; add it with --allowed-origins";
        }
        if (token.isEmpty()) {
            return null;
        }
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        return matches(bearer) || matches(cookie) || matches(query) ? null : "token: a valid access token is required";
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.get());
    }

    /**
     * No Origin (not a browser), same origin as the Host header, this server on localhost, or an allow-listed origin.
     */
    boolean originAllowed(String origin, String host, int localPort) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        String normalized = normalizeOrigin(origin);
        if (allowedOrigins.contains("*") || allowedOrigins.contains(normalized)) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(normalized);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || !(("http".equals(uri.getScheme())) || "https".equals(uri.getScheme()))) {
            return false;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String originHostPort = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        if (host != null) {
            String h = host.toLowerCase(Locale.ROOT);
            String hostWithPort = h.matches(".*:\\d+$") && !h.endsWith("]") ? h : h + ":80";
            if (originHostPort.equals(hostWithPort)) {
                return true;
            }
        }
        return port == localPort && List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost()
                .toLowerCase(Locale.ROOT));
    }

    private static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
