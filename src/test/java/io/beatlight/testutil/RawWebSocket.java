package io.beatlight.testutil;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small RFC 6455 client over a plain socket, for tests. It checks what the server sends strictly (status line and
 * accept key, unmasked frames, no reserved bits, control frame rules, UTF-8 of whole text messages) and, when a frame
 * breaks a rule, reports the rule with the frame's first bytes in hex, so a protocol fault is never a silent timeout.
 * (The JDK's {@code java.net.http.WebSocket} has been seen to reject valid first frames now and then on a loaded
 * machine, and says only "ProtocolException".)
 */
public final class RawWebSocket implements AutoCloseable {
    /** What the reader thread reports. */
    public interface Listener {
        void onText(String text);

        void onClose(int code, String reason);

        void onError(Throwable error);
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_MESSAGE = 64 << 20;

    private final Socket socket;
    private final OutputStream out;
    private final Listener listener;
    private volatile boolean closeSent;

    private RawWebSocket(Socket socket, Listener listener) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.listener = listener;
    }

    /** Opens the connection and completes the handshake; a refused handshake throws with the status line. */
    public static RawWebSocket connect(URI uri, String origin, int timeoutMillis, Listener listener)
            throws IOException {
        return connect(uri, uri.getHost() + ":" + uri.getPort(), origin, timeoutMillis, listener);
    }

    /** As {@link #connect(URI, String, int, Listener)} with the {@code Host} header as given (null = none). */
    public static RawWebSocket connect(URI uri, String host, String origin, int timeoutMillis, Listener listener)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
            socket.setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
            if (host != null) {
                request.append("Host: ").append(host).append("\r\n");
            }
            request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            socket.setSoTimeout(timeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = readHead(in);
            String statusLine = head.lines().findFirst().orElse("");
            if (!statusLine.matches("HTTP/1\\.1 101( .*)?")) {
                throw new IOException("WebSocket handshake refused: " + statusLine);
            }
            String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            boolean accepted = head.lines().anyMatch(line -> line.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0,
                    21) && line.substring(21).trim().equals(expected));
            if (!accepted) {
                throw new ProtocolException("handshake without the right Sec-WebSocket-Accept: " + head);
            }
            socket.setSoTimeout(0);
            RawWebSocket ws = new RawWebSocket(socket, listener);
            Thread reader = new Thread(() -> ws.readLoop(new DataInputStream(in)), "ws-test-reader");
            reader.setDaemon(true);
            reader.start();
            return ws;
        } catch (IOException e) {
            socket.close();
            throw e;
        } catch (Exception e) {
            socket.close();
            throw new IOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.append((char) b);
            if (head.length() > 16384) {
                throw new ProtocolException("handshake response too long");
            }
        }
        return head.toString();
    }

    private void readLoop(DataInputStream in) {
        java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
        int messageOpcode = -1;
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                String frame = String.format("frame b0=%02x b1=%02x length=%d", b0, b1, length);
                if ((b0 & 0x70) != 0) {
                    throw new ProtocolException("reserved bits set (no extension was negotiated): " + frame);
                }
                if ((b1 & 0x80) != 0) {
                    throw new ProtocolException("masked frame from the server: " + frame);
                }
                if (length < 0 || length > MAX_MESSAGE) {
                    throw new ProtocolException("frame too long: " + frame);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (opcode >= 8) {
                    if (!fin || length > 125) {
                        throw new ProtocolException("bad control frame: " + frame);
                    }
                    control(opcode, payload);
                    if (opcode == 8) {
                        return;
                    }
                    continue;
                }
                if (opcode == 0) {
                    if (messageOpcode < 0) {
                        throw new ProtocolException("continuation without a message: " + frame);
                    }
                } else if (opcode == 1 || opcode == 2) {
                    if (messageOpcode >= 0) {
                        throw new ProtocolException("new message inside a fragmented one: " + frame);
                    }
                    messageOpcode = opcode;
                } else {
                    throw new ProtocolException("unknown opcode: " + frame);
                }
                message.write(payload);
                if (message.size() > MAX_MESSAGE) {
                    throw new ProtocolException("message too long");
                }
                if (fin) {
                    byte[] whole = message.toByteArray();
                    message.reset();
                    if (messageOpcode == 1) {
                        listener.onText(decodeStrict(whole, frame));
                    }
                    messageOpcode = -1;
                }
            }
        } catch (IOException e) {
            if (!closeSent || !(e instanceof EOFException || socket.isClosed())) {
                listener.onError(e);
            } else {
                listener.onClose(1006, "connection closed");
            }
        } catch (RuntimeException e) {
            listener.onError(e);
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static String decodeStrict(byte[] bytes, String frame) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            ProtocolException failure = new ProtocolException("text message is not valid UTF-8 (" + frame
                    + "); first bytes: " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(64,
                    bytes.length)));
            failure.initCause(e);
            throw failure;
        }
    }

    private void control(int opcode, byte[] payload) throws IOException {
        switch (opcode) {
            case 8 -> {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                String reason = payload.length > 2
                        ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                listener.onClose(code, reason);
                if (!closeSent) {
                    closeSent = true;
                    try {
                        sendFrame(8, payload.length >= 2 ? java.util.Arrays.copyOf(payload, 2) : new byte[0]);
                    } catch (IOException e) {
                        // the server may already have dropped the connection; the close is complete either way
                    }
                }
            }
            case 9 -> sendFrame(10, payload);
            case 10 -> {
                // an unsolicited pong is allowed and ignored
            }
            default -> throw new ProtocolException("unknown control opcode " + opcode);
        }
    }

    public void sendText(String text) throws IOException {
        sendFrame(1, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBinary(byte[] data) throws IOException {
        sendFrame(2, data);
    }

    /** Sends a close frame (the server answers with its own, which ends the reader). */
    public void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        sendFrame(8, payload);
        closeSent = true;
    }

    /** Client frames are always masked (RFC 6455 section 5.3). */
    private synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        byte[] header = new byte[14];
        int n = 0;
        header[n++] = (byte) (0x80 | opcode);
        if (length < 126) {
            header[n++] = (byte) (0x80 | length);
        } else if (length < 65536) {
            header[n++] = (byte) (0x80 | 126);
            header[n++] = (byte) (length >> 8);
            header[n++] = (byte) length;
        } else {
            header[n++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header[n++] = (byte) ((long) length >> shift);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, header, n, 4);
        n += 4;
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(header, 0, n);
        out.write(masked);
        out.flush();
    }

    /** Closes the socket without the closing handshake. */
    public void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        abort();
    }
}
