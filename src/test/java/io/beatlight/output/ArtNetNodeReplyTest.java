package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.testutil.FakeArtNetNode;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ArtPollReply parsing: the fields discovery keeps, and the malformed packets it drops. */
class ArtNetNodeReplyTest {

    private static byte[] nodeReply() throws Exception {
        try (FakeArtNetNode node = new FakeArtNetNode("Dimmer rack", "Stage left dimmer rack", 1, 2, 3, 4)) {
            return node.reply();
        }
    }

    @Test
    void aNodeReplyGivesNamesAndTheUniversesItOutputs() throws Exception {
        byte[] b = nodeReply();
        ArtNetNodeReply reply = ArtNetNodeReply.parse(b, b.length);
        assertThat(reply).isNotNull();
        assertThat(reply.ip()).isEqualTo("127.0.0.1");
        assertThat(reply.shortName()).isEqualTo("Dimmer rack");
        assertThat(reply.longName()).isEqualTo("Stage left dimmer rack");
        assertThat(reply.nodeReport()).startsWith("#0001");
        assertThat(reply.style()).isZero();
        // Port-Address = net << 8 | sub-net << 4 | universe
        assertThat(reply.outputs()).containsExactly(1 << 8 | 2 << 4 | 3, 1 << 8 | 2 << 4 | 4);
        assertThat(reply.inputs()).isEmpty();
        assertThat(reply.bindIndex()).isEqualTo(1);
    }

    @Test
    void thePortFieldIsLittleEndianAndZeroMeans6454() throws Exception {
        byte[] b = nodeReply();
        b[14] = 0x36;
        b[15] = 0x19;
        assertThat(ArtNetNodeReply.parse(b, b.length).port()).isEqualTo(6454);
        b[14] = 0x58;
        b[15] = 0x1B;
        assertThat(ArtNetNodeReply.parse(b, b.length).port()).isEqualTo(7000);
        b[14] = 0;
        b[15] = 0;
        assertThat(ArtNetNodeReply.parse(b, b.length).port()).isEqualTo(6454);
    }

    @Test
    void beatlightsOwnReplyIsAControllerInputtingItsUniverse() {
        byte[] b = ArtPollReplyPacket.encode(InetAddress.getLoopbackAddress(), 0x123, 2, 7);
        ArtNetNodeReply reply = ArtNetNodeReply.parse(b, b.length);
        assertThat(reply.style()).isEqualTo(ArtPollReplyPacket.STYLE_CONTROLLER);
        assertThat(reply.inputs()).containsExactly(0x123);
        assertThat(reply.outputs()).isEmpty();
        assertThat(reply.shortName()).isEqualTo(ArtPollReplyPacket.SHORT_NAME);
        assertThat(reply.bindIndex()).isEqualTo(2);
    }

    @Test
    void theArtNet4MinimumOf207BytesIsAcceptedAndAnythingShorterDropped() throws Exception {
        byte[] b = nodeReply();
        assertThat(ArtNetNodeReply.parse(Arrays.copyOf(b, 207), 207)).isNotNull();
        assertThat(ArtNetNodeReply.parse(Arrays.copyOf(b, 207), 207).bindIndex()).isZero();
        assertThat(ArtNetNodeReply.parse(b, 206)).isNull();
        assertThat(ArtNetNodeReply.parse(b, 0)).isNull();
        assertThat(ArtNetNodeReply.parse(null, 239)).isNull();
        assertThat(ArtNetNodeReply.parse(b, b.length + 1)).as("length beyond the buffer").isNull();
        byte[] huge = Arrays.copyOf(b, ArtNetNodeReply.MAX_LENGTH + 1);
        assertThat(ArtNetNodeReply.parse(huge, huge.length)).isNull();
    }

    @Test
    void otherOpcodesAndImpossiblePortCountsAreDropped() throws Exception {
        byte[] poll = ArtPollPacket.encode(0);
        assertThat(ArtNetNodeReply.parse(Arrays.copyOf(poll, 239), 239)).isNull();
        byte[] b = nodeReply();
        b[0] = 'X';
        assertThat(ArtNetNodeReply.parse(b, b.length)).isNull();
        byte[] ports = nodeReply();
        ports[173] = 5;
        assertThat(ArtNetNodeReply.parse(ports, ports.length)).isNull();
    }

    @Test
    void unterminatedAndControlCharacterNamesStayInsideTheirFields() throws Exception {
        byte[] b = nodeReply();
        Arrays.fill(b, 26, 44, (byte) 'A');   // short name without its zero
        b[44] = 7;                            // a bell in the long name
        ArtNetNodeReply reply = ArtNetNodeReply.parse(b, b.length);
        assertThat(reply.shortName()).isEqualTo("A".repeat(18));
        assertThat(reply.longName()).startsWith("?");
    }
}
