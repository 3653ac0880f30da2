package io.beatlight.rig;

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
}
