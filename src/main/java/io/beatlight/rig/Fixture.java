package io.beatlight.rig;

import io.beatlight.dmx.DmxBuffer;
import java.util.Optional;

/**
 * A patched fixture: a template at a 1-based base channel in a universe. A channel's absolute address is
 * {@code base_channel + offset}.
 *
 * @param location the room position, or null when the file gives none
 */
public record Fixture(String id, String name, String templateKey, FixtureTemplate template, int baseChannel,
                      int universe, Location location) {

    /** The 1-based absolute address of a template channel, if the template defines it. */
    public Optional<Integer> address(String channelName) {
        Integer offset = template.channels().get(channelName);
        return offset == null ? Optional.empty() : Optional.of(baseChannel + offset);
    }

    /** Address of a channel the caller knows exists (validated at load time). */
    public int addressOf(String channelName) {
        Integer offset = template.channels().get(channelName);
        if (offset == null) {
            throw new IllegalArgumentException("fixture " + id + " has no channel " + channelName);
        }
        return baseChannel + offset;
    }

    public boolean isMovingHead() {
        return template.isMovingHead();
    }

    public int lastChannel() {
        return baseChannel + template.maxOffset();
    }

    /** The DMX addresses the fixture occupies, from its base channel to its last channel. */
    public int footprint() {
        return template.footprint();
    }

    /**
     * Writes the template's {@code arm} values in template order. u16 arms split MSB/LSB; u8/enum arms are clamped
     * to a byte; rgb arms are ignored.
     */
    public void applyArmDefaults(DmxBuffer buffer) {
        for (MetaChannel meta : template.metaChannels().values()) {
            if (meta.arm() == null) {
                continue;
            }
            int arm = meta.arm();
            if (meta.kind() == MetaKind.U16 && meta.channels() != null && meta.channels().size() == 2) {
                buffer.set(universe, addressOf(meta.channels().get(0)), (arm >> 8) & 255);
                buffer.set(universe, addressOf(meta.channels().get(1)), arm & 255);
            } else if (meta.kind() != MetaKind.RGB && meta.channel() != null) {
                buffer.set(universe, addressOf(meta.channel()), Math.max(0, Math.min(255, arm)));
            }
        }
    }
}
