package io.beatlight.output;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * ArtPollReply (OpCode 0x2100, 239 bytes, no ProtVer after the OpCode). Beatlight describes itself as a controller
 * (Style 0x01) with one input port per reply, bound to the Port-Address it sends; Art-Net 4 tells the ports of
 * one device apart by BindIndex.
 */
public final class ArtPollReplyPacket {
    public static final String SHORT_NAME = "Beatlight";
    public static final String LONG_NAME = "Beatlight show server";
    public static final int STYLE_CONTROLLER = 0x01;

    private ArtPollReplyPacket() {
    }

    /**
     * @param ip          the address of the interface the poll came in on
     * @param portAddress the universe this reply describes
     * @param bindIndex   1-based index of this port among the device's replies
     * @param replyCount  how many polls have been answered (for the NodeReport counter)
     */
    public static byte[] encode(InetAddress ip, int portAddress, int bindIndex, int replyCount) {
        byte[] b = new byte[ArtNet.POLL_REPLY_LENGTH];
        ArtNet.header(b, ArtNet.OP_POLL_REPLY);
        byte[] address = ip.getAddress().length == 4 ? ip.getAddress() : new byte[] {127, 0, 0, 1};
        System.arraycopy(address, 0, b, 10, 4);
        b[14] = (byte) (ArtNet.PORT & 0xFF);             // Port, little-endian
        b[15] = (byte) (ArtNet.PORT >> 8);
        b[16] = 0;                                       // VersInfo (firmware), big-endian
        b[17] = 1;
        b[18] = (byte) (portAddress >> 8 & 0x7F);        // NetSwitch
        b[19] = (byte) (portAddress >> 4 & 0x0F);        // SubSwitch
        b[20] = (byte) 0xFF;                             // Oem 0xFFFF: unregistered
        b[21] = (byte) 0xFF;
        b[22] = 0;                                       // UbeaVersion
        b[23] = (byte) 0xD0;                             // Status1: indicators normal, addresses set locally
        b[24] = 0;                                       // EstaMan (LE): none
        b[25] = 0;
        text(b, 26, 18, SHORT_NAME);
        text(b, 44, 64, LONG_NAME);
        text(b, 108, 64, String.format("#0001 [%04d] Beatlight OK", replyCount % 10000));
        b[172] = 0;                                      // NumPorts, big-endian
        b[173] = 1;
        b[174] = 0x40;                                   // PortTypes[0]: can input onto Art-Net, DMX512
        b[178] = (byte) 0x80;                            // GoodInput[0]: data is being sent
        b[186] = (byte) (portAddress & 0x0F);            // SwIn[0]
        b[194] = 100;                                    // AcnPriority
        b[200] = STYLE_CONTROLLER;                       // Style
        System.arraycopy(address, 0, b, 207, 4);         // BindIp
        b[211] = (byte) bindIndex;                       // BindIndex
        b[212] = 0x08;                                   // Status2: 15-bit Port-Address supported
        b[226] = 0;                                      // RefreshRate, big-endian (Hz)
        b[227] = 60;
        return b;
    }

    private static void text(byte[] b, int offset, int size, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, offset, Math.min(bytes.length, size - 1)); // always zero-terminated
    }

    /** The fields tests and tools look at. */
    public record Decoded(byte[] ip, int port, int portAddress, int style, String shortName, String longName,
                          String nodeReport, int numPorts, int portType, int bindIndex) {
    }

    /** Decodes an ArtPollReply (accepts 207 bytes or more), or returns null. */
    public static Decoded decode(byte[] b, int length) {
        if (ArtNet.opcode(b, length) != ArtNet.OP_POLL_REPLY || length < 207) {
            return null;
        }
        byte[] ip = {b[10], b[11], b[12], b[13]};
        int port = (b[14] & 0xFF) | (b[15] & 0xFF) << 8;
        int portAddress = (b[18] & 0x7F) << 8 | (b[19] & 0x0F) << 4 | (b[186] & 0x0F);
        return new Decoded(ip, port, portAddress, b[200] & 0xFF, string(b, 26, 18), string(b, 44, 64),
                string(b, 108, 64), (b[172] & 0xFF) << 8 | (b[173] & 0xFF), b[174] & 0xFF,
                length > 211 ? b[211] & 0xFF : 0);
    }

    private static String string(byte[] b, int offset, int size) {
        int end = offset;
        while (end < offset + size && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
