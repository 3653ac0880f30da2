package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.api.ws.ClientConnection;
import io.beatlight.api.ws.Outbound;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The bounded, non-blocking outbound queue of one client. */
class ClientConnectionTest {

    /** A wire that completes writes only when told to (a slow client), or at once. */
    static final class FakeOutbound implements Outbound {
        final List<String> written = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        boolean immediate;
        Integer closedWith;

        @Override
        public void sendAsync(String text, Consumer<Throwable> done) {
            written.add(text);
            if (immediate) {
                done.accept(null);
            } else {
                pending.add(done);
            }
        }

        void completeOne() {
            pending.remove(0).accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        @Override
        public String describe() {
            return "fake";
        }
    }

    @Test
    void writesOneAtATimeInOrder() {
        FakeOutbound wire = new FakeOutbound();
        ClientConnection connection = new ClientConnection(wire, 10, 1 << 20);
        connection.send(ClientConnection.Kind.MESSAGE, "a", () -> "S");
        connection.send(ClientConnection.Kind.PATCH, "b", () -> "S");
        connection.send(ClientConnection.Kind.MESSAGE, "c", () -> "S");
        assertThat(wire.written).containsExactly("a");
        wire.completeOne();
        assertThat(wire.written).containsExactly("a", "b");
        wire.completeOne();
        wire.completeOne();
        assertThat(wire.written).containsExactly("a", "b", "c");
        assertThat(connection.messagesSent()).isEqualTo(3);
    }

    @Test
    void synchronousCompletionsDrainWithoutRecursion() {
        FakeOutbound wire = new FakeOutbound();
        wire.immediate = true;
        ClientConnection connection = new ClientConnection(wire, 100_000, 1L << 30);
        for (int i = 0; i < 50_000; i++) {
            connection.send(ClientConnection.Kind.PATCH, "p" + i, () -> "S");
        }
        assertThat(wire.written).hasSize(50_000);
        assertThat(wire.written.get(49_999)).isEqualTo("p49999");
    }

    @Test
    void overflowReplacesQueuedPatchesWithOneSnapshotAndKeepsOtherMessages() {
        FakeOutbound wire = new FakeOutbound();
        ClientConnection connection = new ClientConnection(wire, 4, 1 << 20);
        connection.send(ClientConnection.Kind.PATCH, "p0", () -> "S");
        connection.send(ClientConnection.Kind.PATCH, "p1", () -> "S");
        connection.send(ClientConnection.Kind.MESSAGE, "reply", () -> "S");
        connection.send(ClientConnection.Kind.PATCH, "p2", () -> "S");
        connection.send(ClientConnection.Kind.PATCH, "p3", () -> "S");
        connection.send(ClientConnection.Kind.PATCH, "p4", () -> "SNAP");
        assertThat(connection.overflows()).isEqualTo(1);
        assertThat(connection.queuedMessages()).isEqualTo(2);
        while (!wire.pending.isEmpty()) {
            wire.completeOne();
        }
        assertThat(wire.written).containsExactly("p0", "reply", "SNAP");
        assertThat(wire.closedWith).isNull();
    }

    @Test
    void aClientThatCannotTakeEvenASnapshotIsClosedWith1013() {
        FakeOutbound wire = new FakeOutbound();
        ClientConnection connection = new ClientConnection(wire, 2, 100);
        connection.send(ClientConnection.Kind.MESSAGE, "m0", () -> "S");
        connection.send(ClientConnection.Kind.PATCH, "p1", () -> "x".repeat(200));
        connection.send(ClientConnection.Kind.PATCH, "p2", () -> "x".repeat(200));
        connection.send(ClientConnection.Kind.PATCH, "p3", () -> "x".repeat(200));
        assertThat(wire.closedWith).isEqualTo(1013);
        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void aFailedWriteClosesTheConnection() {
        FakeOutbound wire = new FakeOutbound();
        ClientConnection connection = new ClientConnection(wire, 10, 1 << 20);
        connection.send(ClientConnection.Kind.MESSAGE, "a", () -> "S");
        wire.pending.remove(0).accept(new IOException("broken pipe"));
        assertThat(connection.isClosed()).isTrue();
        connection.send(ClientConnection.Kind.MESSAGE, "b", () -> "S");
        assertThat(wire.written).containsExactly("a");
    }
}
