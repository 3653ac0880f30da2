package io.beatlight.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.testutil.LoopbackMidiDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MtcSourceTest {
    private final LoopbackMidiDevice loop = new LoopbackMidiDevice("MTC Loop", "in-process test port");
    private final LoopbackMidiDevice keyboard = new LoopbackMidiDevice("USB Keys", "a keyboard");
    private final LoopbackMidiDevice keyboard2 = new LoopbackMidiDevice("USB Keys 2", "another keyboard");

    @Test
    void findsTheInputByExactOrPartialNameIgnoringCase() throws Exception {
        List<Timecode> got = new ArrayList<>();
        try (MtcSource source = new MtcSource("LOOP", MidiInputs.of(keyboard, loop))) {
            assertThat(source.kind()).isEqualTo("mtc");
            source.start((tc, at) -> got.add(tc));
            assertThat(source.description()).isEqualTo("MIDI input MTC Loop");
            Timecode tc = new Timecode(0, 1, 2, 3, FrameRate.FPS_25);
            loop.send(MtcTestSignal.fullFrame(tc));
            assertThat(got).containsExactly(tc);
        }
        assertThat(loop.isOpen()).isFalse();
        try (MtcSource exact = new MtcSource("usb keys", MidiInputs.of(keyboard, keyboard2))) {
            exact.start((tc, at) -> { });
            assertThat(exact.description()).isEqualTo("MIDI input USB Keys");
        }
        try (MtcSource byDescription = new MtcSource("in-process", MidiInputs.of(keyboard, loop))) {
            byDescription.start((tc, at) -> { });
            assertThat(byDescription.description()).isEqualTo("MIDI input MTC Loop");
        }
    }

    @Test
    void anUnknownOrAmbiguousNameSaysWhichInputsThereAre() {
        assertThatThrownBy(() -> new MtcSource("motu", MidiInputs.of(keyboard, loop)).start((tc, at) -> { }))
                .isInstanceOf(IOException.class)
                .hasMessage("no MIDI input matches \"motu\"; available: \"USB Keys\", \"MTC Loop\"");
        assertThatThrownBy(() -> new MtcSource("usb", MidiInputs.of(keyboard, keyboard2)).start((tc, at) -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("several MIDI inputs")
                .hasMessageContaining("\"USB Keys 2\"");
        assertThat(loop.opens()).isZero();
    }

    @Test
    void anEmptyNameTakesTheFirstInput() throws Exception {
        try (MtcSource source = new MtcSource("", MidiInputs.of(loop))) {
            source.start((tc, at) -> { });
            assertThat(source.description()).isEqualTo("MIDI input MTC Loop");
        }
        try (MtcSource source = new MtcSource(" ", MidiInputs.of(keyboard, loop))) {
            source.start((tc, at) -> { });
            assertThat(source.description()).isEqualTo("MIDI input USB Keys");
        }
        assertThatThrownBy(() -> new MtcSource(null, MidiInputs.of()).start((tc, at) -> { }))
                .isInstanceOf(IOException.class).hasMessage("no MIDI input is connected");
    }

    @Test
    void aListenerThatThrowsDoesNotStopDecoding() throws Exception {
        List<Timecode> got = new ArrayList<>();
        try (MtcSource source = new MtcSource("loop", MidiInputs.of(loop))) {
            source.start((tc, at) -> {
                got.add(tc);
                throw new IllegalStateException("listener bug");
            });
            loop.send(MtcTestSignal.fullFrame(new Timecode(0, 0, 1, 0, FrameRate.FPS_25)));
            loop.send(MtcTestSignal.fullFrame(new Timecode(0, 0, 2, 0, FrameRate.FPS_25)));
            assertThat(got).hasSize(2);
            assertThat(source.decoder().decoded()).isEqualTo(2);
        }
    }

    @Test
    void theSystemListingWorksWithoutHardware() {
        // no MIDI ports here: the error names what there is (possibly none) instead of failing obscurely
        assertThatThrownBy(() -> new MtcSource("no such device 15").start((tc, at) -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("no such device 15");
    }

    @Test
    void anInputAlreadyOpenIsLeftOpenAndClosingStopsDelivery() throws Exception {
        List<Timecode> got = new ArrayList<>();
        loop.open();
        MtcSource source = new MtcSource("MTC Loop", MidiInputs.of(loop));
        source.start((tc, at) -> got.add(tc));
        source.close();
        assertThat(loop.isOpen()).isTrue();
        loop.send(MtcTestSignal.fullFrame(new Timecode(0, 0, 0, 0, FrameRate.FPS_24)));
        assertThat(got).isEmpty();
    }
}
