package io.beatlight.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What discovery keeps from an ArtPollReply: who the device is and which Port-Addresses its ports use. Parsing
 * checks every length before reading: shorter than the 207 bytes Art-Net 4 requires, longer than a sane UDP
 * payload, a wrong ID or opcode, or a NumPorts beyond 4 — and the packet is dropped.
 *
 * @param ip              the device's address as its reply states it (dotted quad)
 * @param outputs         Port-Addresses of the ports that output from Art-Net (the universes it receives)
 * @param inputs          Port-Addresses of the ports that input onto Art-Net (the universes it sends)
 * @param bindIndex       which of the device's replies this is (Art-Net 4 sends one per port group), 0 if absent
 * @param port            the UDP port the reply names for Art-Net (always 6454 on real devices; 0 is read as 6454)
 */
public record ArtNetNodeReply(String ip, String shortName, String longName, String nodeReport, int style,
                              List<Integer> outputs, List<Integer> inputs, int bindIndex, int port) {
    public static final int MIN_LENGTH = 207;
    /** ArtPollReply is 239 bytes; extensions may append, but nothing beyond this is an ArtPollReply. */
    public static final int MAX_LENGTH = 1024;
    private static final int PORT_TYPE_OUTPUT = 0x80;
    private static final int PORT_TYPE_INPUT = 0x40;

    public ArtNetNodeReply {
        outputs = List.copyOf(outputs);
        inputs = List.copyOf(inputs);
    }

    /** A reply naming the standard port 6454. */
    public ArtNetNodeReply(String ip, String shortName, String longName, String nodeReport, int style,
                           List<Integer> outputs, List<Integer> inputs, int bindIndex) {
        this(ip, shortName, longName, nodeReport, style, outputs, inputs, bindIndex, ArtNet.PORT);
    }

    /** The reply in {@code b[0..length)}, or null when it is not a well-formed ArtPollReply. */
    public static ArtNetNodeReply parse(byte[] b, int length) {
        if (b == null || length < MIN_LENGTH || length > MAX_LENGTH || length > b.length
                || ArtNet.opcode(b, length) != ArtNet.OP_POLL_REPLY) {
            return null;
        }
        int numPorts = (b[172] & 0xFF) << 8 | (b[173] & 0xFF);
        if (numPorts > 4) {
            return null;
        }
        String ip = (b[10] & 0xFF) + "." + (b[11] & 0xFF) + "." + (b[12] & 0xFF) + "." + (b[13] & 0xFF);
        int port = (b[15] & 0xFF) << 8 | (b[14] & 0xFF); // little-endian, unlike most of the packet
        int netSub = (b[18] & 0x7F) << 8 | (b[19] & 0x0F) << 4;
        List<Integer> outputs = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        // NumPorts is advisory (many nodes report 0 or 4): the port types say which ports exist
        for (int i = 0; i < 4; i++) {
            int type = b[174 + i] & 0xFF;
            if ((type & PORT_TYPE_OUTPUT) != 0) {
                outputs.add(netSub | b[190 + i] & 0x0F);
            }
            if ((type & PORT_TYPE_INPUT) != 0) {
                inputs.add(netSub | b[186 + i] & 0x0F);
            }
        }
        return new ArtNetNodeReply(ip, text(b, 26, 18), text(b, 44, 64), text(b, 108, 64), b[200] & 0xFF, outputs,
                inputs, length > 211 ? b[211] & 0xFF : 0, port == 0 ? ArtNet.PORT : port);
    }

    /** A zero-terminated ASCII field; an unterminated one ends at the field's size. Control characters become '?'. */
    private static String text(byte[] b, int offset, int size) {
        int end = offset;
        while (end < offset + size && b[end] != 0) {
            end++;
        }
        String s = new String(b, offset, end - offset, StandardCharsets.US_ASCII);
        return s.replaceAll("[^\\x20-\\x7E]", "?").trim();
    }
}
