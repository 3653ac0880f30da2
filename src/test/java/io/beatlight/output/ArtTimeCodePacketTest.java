package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.Timecode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArtTimeCodePacketTest {
    @ParameterizedTest
    @EnumSource(FrameRate.class)
    void encodesTheSpecLayoutAndDecodesItBack(FrameRate rate) {
        Timecode tc = new Timecode(1, 2, 3, 4, rate);
        byte[] b = ArtTimeCodePacket.encode(tc);
        assertThat(b).hasSize(19);
        assertThat(new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("Art-Net\0");
        assertThat(b[8] & 0xFF).isEqualTo(0x00); // OpCode 0x9700, little-endian
        assertThat(b[9] & 0xFF).isEqualTo(0x97);
        assertThat(b[10]).isEqualTo((byte) 0); // ProtVerHi
        assertThat(b[11]).isEqualTo((byte) 14);
        assertThat(Arrays.copyOfRange(b, 14, 18)).containsExactly(4, 3, 2, 1); // frames, seconds, minutes, hours
        assertThat(b[18] & 0xFF).isEqualTo(switch (rate) {
            case FPS_24 -> 0;
            case FPS_25 -> 1;
            case FPS_2997_DF -> 2;
            case FPS_30 -> 3;
        });
        ArtTimeCodePacket.Decoded decoded = ArtTimeCodePacket.decode(b, b.length);
        assertThat(decoded.valid()).isTrue();
        assertThat(decoded.timecode()).isEqualTo(tc);
    }

    @Test
    void refusesWhatIsMalformed() {
        byte[] good = ArtTimeCodePacket.encode(new Timecode(10, 0, 0, 0, FrameRate.FPS_25));
        assertThat(ArtTimeCodePacket.decode(good, 18).problem()).contains("too short");
        assertThat(ArtTimeCodePacket.decode(with(good, 18, 4), 19).problem()).contains("type");
        assertThat(ArtTimeCodePacket.decode(with(good, 11, 13), 19).problem()).contains("version");
        assertThat(ArtTimeCodePacket.decode(with(good, 14, 25), 19).valid()).isFalse(); // frame 25 at 25 fps
        assertThat(ArtTimeCodePacket.decode(with(good, 15, 60), 19).valid()).isFalse();
        assertThat(ArtTimeCodePacket.decode(with(good, 16, 60), 19).valid()).isFalse();
        assertThat(ArtTimeCodePacket.decode(with(good, 17, 24), 19).valid()).isFalse();
        assertThat(ArtTimeCodePacket.decode(with(good, 0, 'a'), 19).problem()).contains("not an ArtTimeCode");
        // 00:01:00;00 does not exist in drop-frame
        byte[] dropped = ArtTimeCodePacket.encode(new Timecode(0, 1, 0, 2, FrameRate.FPS_2997_DF));
        assertThat(ArtTimeCodePacket.decode(with(dropped, 14, 0), 19).valid()).isFalse();
        // a longer datagram (padding) is read by its first 19 bytes
        assertThat(ArtTimeCodePacket.decode(Arrays.copyOf(good, 24), 24).valid()).isTrue();
    }

    private static byte[] with(byte[] packet, int index, int value) {
        byte[] copy = packet.clone();
        copy[index] = (byte) value;
        return copy;
    }
}
