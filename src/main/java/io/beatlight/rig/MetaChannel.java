package io.beatlight.rig;

import java.util.List;

/**
 * A logical control of a fixture template: a u8 slider, a 16-bit axis, an RGB colour or an enum selector.
 * {@code channel} is used by u8/enum, {@code channels} by u16 ([msb, lsb]) and rgb ([r, g, b]).
 */
public record MetaChannel(String id, String label, MetaKind kind, String channel, List<String> channels,
                          String mapping, boolean step, Integer arm, boolean hidden) {

    /** True for a u16 whose label is pan or tilt: it gives the fixture the pan_tilt capability. */
    public boolean isPanTiltAxis() {
        return kind == MetaKind.U16 && (label.equalsIgnoreCase("pan") || label.equalsIgnoreCase("tilt"));
    }
}
