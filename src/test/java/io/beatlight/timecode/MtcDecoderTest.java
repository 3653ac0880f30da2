package io.beatlight.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beatlight.testutil.LoopbackMidiDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;

/**
 * MTC through the MIDI API: an in-process device's transmitter feeds the {@link MtcSource}'s decoder; a hand-driven
 * clock stamps each message with the instant the simulated sender put it on the wire.
 */
class MtcDecoderTest {
    private static final long T0 = 5_000_000_000L;

    private final AtomicLong clock = new AtomicLong();
    private final List<Received> received = new ArrayList<>();
    private final LoopbackMidiDevice device = new LoopbackMidiDevice("MTC Loop", "in-process test port");

    private record Received(Timecode timecode, long atNanos) {
    }

    private MtcSource start() throws Exception {
        MtcSource source = new MtcSource("mtc loop", MidiInputs.of(device), clock::get);
        source.start((tc, at) -> received.add(new Received(tc, at)));
        return source;
    }

    private void sendAt(double nanos, MidiMessage message) {
        clock.set(Math.round(nanos));
        device.send(message);
    }

    private static double frameNanos(FrameRate rate) {
        return 1e9 / rate.actualFps();
    }

    /** Sends {@code cycles} forward cycles from {@code first}; piece k of frame F goes out as the clock passes F + k/4. */
    private void sendForward(Timecode first, int cycles, double startNanos, double jitterNanos, Random random) {
        double frame = frameNanos(first.rate());
        for (int c = 0; c < cycles; c++) {
            Timecode tc = Timecode.ofFrameNumber(first.frameNumber() + 2L * c, first.rate());
            for (int k = 0; k < 8; k++) {
                double jitter = jitterNanos > 0 ? random.nextDouble() * jitterNanos : 0;
                sendAt(startNanos + (2 * c + k / 4.0) * frame + jitter, MtcTestSignal.quarterFrame(tc, k));
            }
        }
    }

    @Test
    void quarterFramesAtEveryRateReportTheFrameInProgressAtItsStart() throws Exception {
        Timecode[] starts = {new Timecode(1, 2, 3, 4, FrameRate.FPS_24), new Timecode(10, 59, 59, 10, FrameRate.FPS_25),
                new Timecode(0, 0, 59, 10, FrameRate.FPS_2997_DF), new Timecode(23, 59, 59, 0, FrameRate.FPS_30)};
        try (MtcSource source = start()) {
            for (Timecode first : starts) {
                received.clear();
                int cycles = 30;
                sendForward(first, cycles, T0, 0, null);
                double frame = frameNanos(first.rate());
                // cycle c carries frame first+2c; at its last piece frame first+2c+1 is in progress, since piece 4;
                // from the second cycle on, its piece 3 also confirms that frame first+2c began at piece 0
                assertThat(received).as("%s", first.rate()).hasSize(2 * cycles - 1);
                for (int i = 0; i < received.size(); i++) {
                    Timecode expected = Timecode.ofFrameNumber(first.frameNumber() + 1 + i, first.rate());
                    assertThat(received.get(i).timecode()).isEqualTo(expected);
                    assertThat((double) received.get(i).atNanos()).isCloseTo(T0 + (1 + i) * frame, within(1.0));
                }
                // crossing a drop-frame minute and the 24-hour wrap
                List<String> codes = received.stream().map(r -> r.timecode().toString()).toList();
                if (first.rate() == FrameRate.FPS_2997_DF) {
                    assertThat(codes).contains("00:00:59;29", "00:01:00;03").doesNotContain("00:01:00;01");
                }
                if (first.rate() == FrameRate.FPS_30) {
                    assertThat(codes).contains("23:59:59:29", "00:00:00:01");
                }
                clock.addAndGet(1_000_000_000L);
            }
            assertThat(source.decoder().malformed()).isZero();
            assertThat(source.decoder().decoded()).isEqualTo(4 * 59);
        }
    }

    @Test
    void theEightArrivalsAverageOutMidiJitter() throws Exception {
        Timecode first = new Timecode(0, 10, 0, 0, FrameRate.FPS_30);
        try (MtcSource source = start()) {
            sendForward(first, 50, T0, 2_000_000, new Random(15));
            double frame = frameNanos(first.rate());
            double worst = 0;
            for (int i = 0; i < received.size(); i++) {
                // messages are late by 0..2 ms (1 ms on average); the estimate may keep that mean delay, no more
                worst = Math.max(worst, Math.abs(received.get(i).atNanos() - (T0 + (1 + i) * frame) - 1e6));
            }
            assertThat(received).hasSize(99);
            assertThat(source.decoder().decoded()).isEqualTo(99);
            assertThat(worst).as("worst error beyond the mean delay, ns").isLessThan(1_000_000);
        }
    }

    @Test
    void backwardsThePiecesComeSevenToZeroAndTheFramesCountDown() throws Exception {
        FrameRate rate = FrameRate.FPS_25;
        Timecode first = new Timecode(1, 0, 0, 20, rate);
        double frame = frameNanos(rate);
        double startPosition = first.frameNumber() + 2;
        try (MtcSource source = start()) {
            for (int c = 0; c < 20; c++) {
                Timecode tc = Timecode.ofFrameNumber(first.frameNumber() - 2L * c, rate);
                for (int k = 7; k >= 0; k--) {
                    double position = tc.frameNumber() + k / 4.0;
                    sendAt(T0 + (startPosition - position) * frame, MtcTestSignal.quarterFrame(tc, k));
                }
            }
            // the first piece (7) tells nothing about the direction yet; the cycle it starts is kept
            assertThat(source.decoder().incompleteCycles()).isZero();
            // a cycle ends as the transport passes the start of the frame it carries; the next one, half-way, at
            // the start of the frame before: every frame, counting down, at the instant the transport passed it
            assertThat(received).hasSize(39);
            for (int i = 0; i < received.size(); i++) {
                long f = first.frameNumber() - i;
                assertThat(received.get(i).timecode().frameNumber()).isEqualTo(f);
                assertThat((double) received.get(i).atNanos()).isCloseTo(T0 + (startPosition - f) * frame,
                        within(1.0));
            }
        }
    }

    @Test
    void aChangeOfDirectionIsFollowedWithinTwoCycles() throws Exception {
        FrameRate rate = FrameRate.FPS_24;
        Timecode first = new Timecode(0, 0, 10, 0, rate);
        try (MtcSource source = start()) {
            sendForward(first, 10, T0, 0, null);
            int forward = received.size();
            long turn = first.frameNumber() + 20;
            double frame = frameNanos(rate);
            double t = T0 + 20 * frame;
            for (int c = 0; c < 10; c++) {
                Timecode tc = Timecode.ofFrameNumber(turn - 2L * c, rate);
                for (int k = 7; k >= 0; k--) {
                    t += frame / 4;
                    sendAt(t, MtcTestSignal.quarterFrame(tc, k));
                }
            }
            List<Received> back = received.subList(forward, received.size());
            assertThat(forward).isEqualTo(19);
            assertThat(back.size()).isGreaterThanOrEqualTo(8);
            Received last = back.get(back.size() - 1);
            assertThat(last.timecode().frameNumber()).isEqualTo(turn - 18);
            for (int i = 1; i < back.size(); i++) {
                assertThat(back.get(i).timecode().frameNumber()).isEqualTo(back.get(i - 1).timecode().frameNumber() - 1);
            }
            assertThat(source.decoder().malformed()).isZero();
        }
    }

    @Test
    void aMissingPieceDropsOnlyItsCycleAndSwappedPiecesStillDecode() throws Exception {
        FrameRate rate = FrameRate.FPS_2997_DF;
        Timecode first = new Timecode(0, 9, 59, 20, rate);
        double frame = frameNanos(rate);
        try (MtcSource source = start()) {
            for (int c = 0; c < 12; c++) {
                Timecode tc = Timecode.ofFrameNumber(first.frameNumber() + 2L * c, rate);
                int[] order = c == 6 ? new int[] {0, 1, 3, 2, 4, 5, 6, 7} : new int[] {0, 1, 2, 3, 4, 5, 6, 7};
                for (int k : order) {
                    if (c == 4 && k == 3 || c == 8 && k == 0) {
                        continue;
                    }
                    sendAt(T0 + (2 * c + k / 4.0) * frame, MtcTestSignal.quarterFrame(tc, k));
                }
            }
            assertThat(received).extracting(r -> r.timecode().frameNumber() - first.frameNumber() - 1)
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 10L, 12L, 13L, 14L, 18L, 19L, 20L, 21L, 22L);
            Received swapped = received.get(8);
            assertThat((double) swapped.atNanos()).isCloseTo(T0 + 13 * frame, within(frame / 4));
            assertThat(source.decoder().incompleteCycles()).isEqualTo(2);
        }
    }

    @Test
    void fullFramesAtEveryRateAreReportedAsSentAtTheirArrival() throws Exception {
        try (MtcSource source = start()) {
            long t = T0;
            for (FrameRate rate : FrameRate.values()) {
                Timecode tc = new Timecode(13, 14, 15, rate.nominalFps() - 1, rate);
                sendAt(t, MtcTestSignal.fullFrame(tc));
                assertThat(received.get(received.size() - 1)).isEqualTo(new Received(tc, t));
                t += 1_000_000_000L;
            }
            assertThat(source.decoder().fullFrames()).isEqualTo(4);
            // after a locate, quarter frames take over from the next cycle
            Timecode resume = new Timecode(13, 14, 16, 0, FrameRate.FPS_30);
            sendForward(resume, 3, t, 0, null);
            assertThat(received).hasSize(4 + 5);
            assertThat(received.get(4).timecode()).hasToString("13:14:16:01");
        }
    }

    @Test
    void garbageIsIgnoredAndCountedAndTheCodeStillLocks() throws Exception {
        Timecode first = new Timecode(2, 0, 0, 0, FrameRate.FPS_25);
        try (MtcSource source = start()) {
            sendAt(T0, new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100));
            sendAt(T0, MtcTestSignal.raw(0xF1));
            sendAt(T0, MtcTestSignal.raw(0xF1, 0x12, 0x34));
            sendAt(T0, MtcTestSignal.raw(0xF1, 0x7F)); // piece 7 with bit 3 set: no such rate code
            sendAt(T0, MtcTestSignal.raw(0xF0, 0x7F, 0x7F, 0x01, 0x01, 0x20, 0x3C, 0x00, 0x00, 0xF7)); // minute 60
            sendAt(T0, MtcTestSignal.raw(0xF0, 0x7F, 0x7F, 0x01, 0x01, 0x20, 0x00, 0x00)); // cut short
            sendAt(T0, MtcTestSignal.raw(0xF0, 0x7F, 0x7F, 0x01, 0x01, 0x20, 0x00, 0x00, 0x19, 0xF7)); // frame 25
            sendAt(T0, MtcTestSignal.raw(0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7)); // another SysEx: not ours
            sendAt(T0, MtcTestSignal.raw());
            sendAt(T0, MtcTestSignal.raw(0x00, 0xFF, 0x13));
            // a cycle whose frame field says 31 at 25 fps
            for (int k = 0; k < 8; k++) {
                int value = k == 0 ? 0xF : k == 1 ? 1 : k == 7 ? 1 << 1 : 0;
                sendAt(T0 + k * 10_000_000L, MtcTestSignal.raw(0xF1, k << 4 | value));
            }
            assertThat(received).isEmpty();
            assertThat(source.decoder().malformed()).isEqualTo(7);
            assertThat(source.decoder().ignored()).isEqualTo(4);

            sendForward(first, 5, T0 + 1e9, 0, null);
            assertThat(received).hasSize(9);
            assertThat(received.get(0).timecode()).hasToString("02:00:00:01");
        }
    }

    @Test
    void lockTakesAtMostTwoCyclesFromAnyPiece() throws Exception {
        FrameRate rate = FrameRate.FPS_30;
        double frame = frameNanos(rate);
        Timecode first = new Timecode(0, 0, 0, 0, rate);
        List<Double> lockFrames = new ArrayList<>();
        try (MtcSource source = start()) {
            for (int startPiece = 0; startPiece < 8; startPiece++) {
                received.clear();
                double base = T0 + startPiece * 1e9 * 10;
                double firstSent = Double.NaN;
                for (int c = 0; c < 4; c++) {
                    Timecode tc = Timecode.ofFrameNumber(first.frameNumber() + 2L * c, rate);
                    for (int k = c == 0 ? startPiece : 0; k < 8; k++) {
                        double at = base + (2 * c + k / 4.0) * frame;
                        firstSent = Double.isNaN(firstSent) ? at : firstSent;
                        sendAt(at, MtcTestSignal.quarterFrame(tc, k));
                        if (received.size() == 1 && lockFrames.size() == startPiece) {
                            lockFrames.add((at - firstSent) / frame);
                        }
                    }
                }
            }
            assertThat(source.decoder().malformed()).isZero();
        }
        System.out.printf("MTC lock time from the first quarter frame received, in frames, by starting piece: %s%n",
                lockFrames.stream().map(f -> String.format("%.2f", f)).toList());
        assertThat(lockFrames).hasSize(8).allMatch(f -> f <= 3.75);
    }
}
