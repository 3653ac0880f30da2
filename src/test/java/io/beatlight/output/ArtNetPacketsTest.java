package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte layouts of the Art-Net packets Beatlight sends. */
class ArtNetPacketsTest {

    @Test
    void artDmxHeaderIsExactlyAsTheSpecSays() {
        ArtDmxPacket packet = new ArtDmxPacket(0);
        packet.bytes()[18] = 7;
        packet.nextSequence();
        byte[] b = packet.bytes();
        assertThat(b).hasSize(530);
        assertThat(new String(b, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("Art-Net");
        assertThat(b[7]).isZero();
        assertThat(b[8] & 0xFF).isEqualTo(0x00);   // OpCode 0x5000 little-endian
        assertThat(b[9] & 0xFF).isEqualTo(0x50);
        assertThat(b[10]).isZero();                  // ProtVerHi
        assertThat(b[11]).isEqualTo((byte) 14);      // ProtVerLo
        assertThat(b[12] & 0xFF).isEqualTo(1);       // first sequence
        assertThat(b[13]).isZero();                  // Physical
        assertThat(b[16] & 0xFF).isEqualTo(0x02);    // Length 512, big-endian
        assertThat(b[17] & 0xFF).isEqualTo(0x00);
        ArtDmxPacket.Decoded decoded = ArtDmxPacket.decode(b, b.length);
        assertThat(decoded.data()).hasSize(512);
        assertThat(decoded.data()[0]).isEqualTo((byte) 7);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 300, 32767})
    void portAddressSplitsIntoNetAndSubUni(int universe) {
        ArtDmxPacket packet = new ArtDmxPacket(universe);
        byte[] b = packet.bytes();
        assertThat(b[14] & 0xFF).isEqualTo(universe & 0xFF);
        assertThat(b[15] & 0xFF).isEqualTo(universe >> 8);
        assertThat(ArtDmxPacket.decode(b, b.length).portAddress()).isEqualTo(universe);
    }

    @Test
    void sequenceRunsOneTo255AndWrapsToOneNeverZero() {
        ArtDmxPacket a = new ArtDmxPacket(0);
        ArtDmxPacket b = new ArtDmxPacket(1);
        for (int i = 1; i <= 255; i++) {
            assertThat(a.nextSequence()).isEqualTo(i);
        }
        assertThat(a.nextSequence()).isEqualTo(1);
        assertThat(b.nextSequence()).isEqualTo(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextSequence()).isBetween(1, 255);
        }
    }

    @Test
    void malformedPacketsDoNotDecode() {
        byte[] b = new ArtDmxPacket(0).bytes().clone();
        assertThat(ArtDmxPacket.decode(b, 17)).isNull();
        b[17] = 3; // odd length
        b[16] = 0;
        assertThat(ArtDmxPacket.decode(b, b.length)).isNull();
        assertThat(ArtDmxPacket.decode(new byte[] {1, 2, 3}, 3)).isNull();
    }

    @Test
    void artSyncIs14Bytes() {
        byte[] sync = ArtSyncPacket.encode();
        assertThat(sync).hasSize(14);
        assertThat(ArtNet.opcode(sync, sync.length)).isEqualTo(ArtNet.OP_SYNC);
        assertThat(sync[11]).isEqualTo((byte) 14);
        assertThat(sync[12]).isZero();
        assertThat(sync[13]).isZero();
    }

    @Test
    void artPollReplyDescribesAController() throws Exception {
        byte[] reply = ArtPollReplyPacket.encode(InetAddress.getByName("127.0.0.1"), 0x123, 2, 5);
        assertThat(reply).hasSize(239);
        assertThat(ArtNet.opcode(reply, reply.length)).isEqualTo(ArtNet.OP_POLL_REPLY);
        assertThat(reply[10]).isEqualTo((byte) 127);        // IP right after the opcode: no ProtVer
        ArtPollReplyPacket.Decoded d = ArtPollReplyPacket.decode(reply, reply.length);
        assertThat(d.port()).isEqualTo(0x1936);
        assertThat(d.style()).isEqualTo(1);
        assertThat(d.portAddress()).isEqualTo(0x123);
        assertThat(d.shortName()).isEqualTo("Beatlight");
        assertThat(d.longName()).isEqualTo("Beatlight show server");
        assertThat(d.nodeReport()).startsWith("#0001 [0005]");
        assertThat(d.numPorts()).isEqualTo(1);
        assertThat(d.portType() & 0x40).isEqualTo(0x40);
        assertThat(d.bindIndex()).isEqualTo(2);
        assertThat(reply[20] & 0xFF).isEqualTo(0xFF);         // Oem unknown
        assertThat(reply[21] & 0xFF).isEqualTo(0xFF);
    }
}
