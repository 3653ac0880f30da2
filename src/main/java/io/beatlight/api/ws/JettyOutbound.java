package io.beatlight.api.ws;

import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;

/** {@link Outbound} over a Jetty WebSocket session, using its non-blocking send. */
final class JettyOutbound implements Outbound {
    private final Session session;
    private final String description;

    JettyOutbound(Session session) {
        this.session = session;
        this.description = String.valueOf(session.getRemoteAddress());
    }

    @Override
    public void sendAsync(String text, Consumer<Throwable> done) {
        try {
            session.getRemote().sendString(text, new WriteCallback() {
                @Override
                public void writeFailed(Throwable failure) {
                    done.accept(failure);
                }

                @Override
                public void writeSuccess() {
                    done.accept(null);
                }
            });
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            session.close(code, reason);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
