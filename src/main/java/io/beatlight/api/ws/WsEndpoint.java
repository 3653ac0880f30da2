package io.beatlight.api.ws;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code /ws} endpoint: one {@link ClientConnection} per socket, every text frame to the protocol handler. */
public final class WsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(WsEndpoint.class);
    public static final String PATH = "/ws";
    /** Frames above this size are refused by Jetty itself (close 1009); smaller oversize ones get an error reply. */
    public static final int HARD_MESSAGE_LIMIT = 16 << 20;

    private final ProtocolHandler protocol;
    private final int maxClients;
    private final int maxIntentsPerSecond;
    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();
    /** Connections being set up or served; a connection over {@link #maxClients} is closed at once. */
    private final AtomicInteger open = new AtomicInteger();

    public WsEndpoint(ProtocolHandler protocol) {
        this(protocol, 256, ClientConnection.DEFAULT_MAX_INTENTS_PER_SECOND);
    }

    public WsEndpoint(ProtocolHandler protocol, int maxClients, int maxIntentsPerSecond) {
        this.protocol = protocol;
        this.maxClients = maxClients;
        this.maxIntentsPerSecond = maxIntentsPerSecond;
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            if (open.incrementAndGet() > maxClients) {
                open.decrementAndGet();
                LOG.warn("Refused a WebSocket client from {}: {} clients are connected (--max-clients)",
                        ctx.session.getRemoteAddress(), maxClients);
                ctx.closeSession(1013, "server full: at most " + maxClients + " clients; try again later");
                return;
            }
            ctx.enableAutomaticPings(30, TimeUnit.SECONDS);
            ClientConnection connection = new ClientConnection(new JettyOutbound(ctx.session), maxIntentsPerSecond);
            connections.put(ctx.sessionId(), connection);
            protocol.opened(connection);
        });
        ws.onMessage(ctx -> {
            ClientConnection connection = connections.get(ctx.sessionId());
            if (connection != null) {
                protocol.received(connection, ctx.message());
            }
        });
        ws.onBinaryMessage(ctx -> ctx.closeSession(1003, "binary frames are not supported; send JSON text"));
        ws.onClose(this::closed);
        ws.onError(ctx -> {
            LOG.debug("WebSocket error from {}: {}", ctx.session.getRemoteAddress(), String.valueOf(ctx.error()));
            closed(ctx);
        });
    }

    private void closed(WsContext ctx) {
        ClientConnection connection = connections.remove(ctx.sessionId());
        if (connection != null) {
            open.decrementAndGet();
            protocol.closed(connection);
        }
    }
}
