package io.beatlight.api.osc;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCParseException;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializeException;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OSC 1.0 packets to and from bytes with JavaOSC, strings as UTF-8. A packet is flattened into its messages (bundles
 * in order, nested ones included); anything JavaOSC cannot read, or a bundle nested or filled beyond the limits, is
 * a {@link MalformedPacket}. Not thread-safe: one instance per thread.
 */
final class OscCodec {
    /** The largest UDP payload over IPv4. */
    static final int MAX_PACKET_BYTES = 65_507;
    static final int MAX_BUNDLE_DEPTH = 8;
    static final int MAX_MESSAGES_PER_PACKET = 128;

    /** A packet that is not OSC, or not one we accept. */
    static final class MalformedPacket extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPacket(String message) {
            super(message, null, false, false);
        }
    }

    private final OSCParser parser;
    private final BufferBytesReceiver output = new BufferBytesReceiver(ByteBuffer.allocate(MAX_PACKET_BYTES));
    private final OSCSerializer serializer;

    OscCodec() {
        OSCSerializerAndParserBuilder builder = new OSCSerializerAndParserBuilder()
                .setProperties(Map.of("charset", StandardCharsets.UTF_8));
        this.parser = builder.buildParser();
        this.serializer = builder.buildSerializer(output);
    }

    /** The messages of one datagram, in order. */
    List<OSCMessage> messages(byte[] data, int length) throws MalformedPacket {
        if (length < 4 || length % 4 != 0) {
            throw new MalformedPacket("an OSC packet is a non-empty multiple of 4 bytes, got " + length);
        }
        OSCPacket packet;
        try {
            packet = parser.convert(ByteBuffer.wrap(data, 0, length).slice());
        } catch (OSCParseException | RuntimeException | StackOverflowError e) {
            throw new MalformedPacket("not a readable OSC packet: " + describe(e));
        }
        List<OSCMessage> out = new ArrayList<>();
        flatten(packet, 0, out);
        return out;
    }

    private static String describe(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static void flatten(OSCPacket packet, int depth, List<OSCMessage> out) throws MalformedPacket {
        if (packet == null) {
            // JavaOSC returns nothing for a message with an argument type it does not know
            throw new MalformedPacket("a message has an unknown argument type");
        }
        if (packet instanceof OSCMessage message) {
            if (out.size() == MAX_MESSAGES_PER_PACKET) {
                throw new MalformedPacket("a packet may hold at most " + MAX_MESSAGES_PER_PACKET + " messages");
            }
            out.add(message);
            return;
        }
        if (depth == MAX_BUNDLE_DEPTH) {
            throw new MalformedPacket("bundles may be nested at most " + MAX_BUNDLE_DEPTH + " deep");
        }
        for (OSCPacket inner : ((OSCBundle) packet).getPackets()) {
            flatten(inner, depth + 1, out);
        }
    }

    /** The bytes of a message or bundle we send. */
    byte[] encode(OSCPacket packet) throws OSCSerializeException {
        output.clear();
        serializer.write(packet);
        return output.toByteArray();
    }
}
