package io.beatlight.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.beatlight.output.ArtDmxPacket;
import io.beatlight.output.ArtNetNodeReply;
import io.beatlight.output.ArtPollPacket;
import io.beatlight.output.ArtPollReplyPacket;

/**
 * Every Art-Net packet parser on arbitrary datagrams (any length up to the buffer the sockets receive into): each
 * answers a value or null ("not this packet"), never throws, and what it accepts is within the packet's limits.
 */
class ArtNetPacketFuzzTest {
    @FuzzTest(maxDuration = "1m")
    void datagram(byte[] packet) {
        for (int length : new int[] {packet.length, Math.max(0, packet.length - 1), Math.min(packet.length, 18)}) {
            ArtDmxPacket.Decoded dmx = ArtDmxPacket.decode(packet, length);
            if (dmx != null) {
                assertThat(dmx.data().length).isBetween(2, ArtDmxPacket.SLOTS);
                assertThat(dmx.portAddress()).isBetween(0, 0x7FFF);
            }
            ArtNetNodeReply reply = ArtNetNodeReply.parse(packet, length);
            if (reply != null) {
                assertThat(reply.outputs().size()).isLessThanOrEqualTo(4);
                assertThat(reply.inputs().size()).isLessThanOrEqualTo(4);
                assertThat(reply.port()).isBetween(0, 0xFFFF);
            }
            ArtPollPacket.isPoll(packet, length);
            ArtPollReplyPacket.decode(packet, length);
        }
    }
}
