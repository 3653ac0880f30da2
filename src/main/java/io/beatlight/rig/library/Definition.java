package io.beatlight.rig.library;

import java.util.List;

/**
 * A fixture definition read from a library file (QLC+ or OFL), before it becomes Beatlight templates.
 *
 * @param type the library's own type or first category
 */
record Definition(String manufacturer, String model, String type, List<Mode> modes) {

    /**
     * One mode: the channel at each DMX offset, and the heads (each a list of offsets) when there are several.
     *
     * @param panDegrees  the full pan range in degrees, null when unknown
     * @param tiltDegrees the full tilt range in degrees, null when unknown
     */
    record Mode(String name, List<Channel> channels, List<List<Integer>> heads, Double panDegrees,
                Double tiltDegrees) {
    }

    /**
     * A channel.
     *
     * @param fine         the low byte of a 16-bit value whose high byte is the {@code coarse} channel
     * @param coarse       for a fine channel, the name of its coarse channel when the file says; else null
     * @param defaultValue the power-on value the file gives, else null
     */
    record Channel(String name, Role role, boolean fine, String coarse, List<Capability> capabilities,
                   Integer defaultValue) {
    }

    /**
     * A DMX range of a channel with its meaning.
     *
     * @param colour  {@code RRGGBB} for a colour-wheel slot or macro whose colour the file gives, else null
     * @param shutter what this range does to the light, for shutter channels
     */
    record Capability(int min, int max, String label, String colour, Shutter shutter) {
    }

    /** The effect of a shutter range: open (light passes), closed, strobing, or something else. */
    enum Shutter {
        OPEN, CLOSED, STROBE, OTHER
    }
}
