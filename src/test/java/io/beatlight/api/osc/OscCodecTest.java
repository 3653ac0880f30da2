package io.beatlight.api.osc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decoding: bundles flattened in order, limits on nesting and size, anything unreadable refused, never thrown. */
class OscCodecTest {
    private final OscCodec codec = new OscCodec();

    private List<OSCMessage> roundTrip(OSCPacket packet) throws Exception {
        byte[] bytes = codec.encode(packet);
        return codec.messages(bytes, bytes.length);
    }

    @Test
    void bundlesAreFlattenedInOrder() throws Exception {
        OSCBundle inner = new OSCBundle(List.of(new OSCMessage("/b", List.of(2.5f)), new OSCMessage("/c",
                List.of("ü"))));
        List<OSCMessage> messages = roundTrip(new OSCBundle(List.of(new OSCMessage("/a", List.of(1)), inner)));
        assertThat(messages).extracting(OSCMessage::getAddress).containsExactly("/a", "/b", "/c");
        assertThat(messages.get(2).getArguments()).containsExactly("ü");
    }

    @Test
    void nestingAndSizeHaveLimits() throws Exception {
        OSCPacket nested = new OSCMessage("/deep", List.of());
        for (int i = 0; i < OscCodec.MAX_BUNDLE_DEPTH; i++) {
            nested = new OSCBundle(List.of(nested));
        }
        assertThat(roundTrip(nested)).hasSize(1);
        OSCPacket tooDeep = new OSCBundle(List.of(nested));
        assertThatThrownBy(() -> roundTrip(tooDeep)).isInstanceOf(OscCodec.MalformedPacket.class)
                .hasMessageContaining("nested");
        List<OSCPacket> many = new ArrayList<>();
        for (int i = 0; i <= OscCodec.MAX_MESSAGES_PER_PACKET; i++) {
            many.add(new OSCMessage("/m", List.of(i)));
        }
        assertThatThrownBy(() -> roundTrip(new OSCBundle(many))).isInstanceOf(OscCodec.MalformedPacket.class)
                .hasMessageContaining("at most");
    }

    @Test
    void randomBytesAreRefusedOrReadNeverThrown() {
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            if (random.nextBoolean() && data.length >= 8) {
                System.arraycopy("#bundle\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, data, 0, 8);
            }
            try {
                codec.messages(data, data.length);
            } catch (OscCodec.MalformedPacket e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
