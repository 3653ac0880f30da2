package io.beatlight.rig;

import java.util.List;

/**
 * A logical control of a fixture template: a u8 slider, a 16-bit axis, an RGB colour or an enum selector.
 * {@code channel} is used by u8/enum, {@code channels} by u16 ([msb, lsb]) and rgb ([r, g, b]).
 *
 * @param subtractive an rgb control over cyan, magenta and yellow flags: the control's values stay additive
 *                    (#FF0000 is red) and each channel gets {@code 255 − value} (docs/fixture-library.md)
 */
public record MetaChannel(String id, String label, MetaKind kind, String channel, List<String> channels,
                          String mapping, boolean step, Integer arm, boolean hidden, boolean subtractive) {

    /**
     * True for a u16 or u8 whose label is pan or tilt: it gives the fixture the pan_tilt capability. A u8 axis is
     * the coarse byte of a fixture without a fine channel (an 8-bit scanner).
     */
    public boolean isPanTiltAxis() {
        return (kind == MetaKind.U16 || kind == MetaKind.U8)
                && (label.equalsIgnoreCase("pan") || label.equalsIgnoreCase("tilt"));
    }

    /** Maps an additive colour component (0..255) to the byte its channel gets, and back: the same inversion. */
    public int colourByte(int component) {
        return subtractive ? 255 - component : component;
    }
}
