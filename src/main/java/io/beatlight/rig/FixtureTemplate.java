package io.beatlight.rig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A fixture model (file {@code fixture.<type>.<model>.json}): channel offsets, meta channels and label mappings.
 *
 * @param channels      channel name to 0-based offset from the instance's base channel, in file order
 * @param metaChannels  meta channel id to definition, in file order
 * @param mappings      mapping id to (key to value), verbatim strings
 * @param mappingsJson  the mappings as found in the file, for the state document
 * @param physicalMovement seconds for a full 0..65535 travel, when the template says
 */
public record FixtureTemplate(String id, String fileStem, String type, Map<String, Integer> channels,
                              List<String> declaredEffects, Map<String, MetaChannel> metaChannels,
                              Map<String, Map<String, String>> mappings, ObjectNode mappingsJson,
                              PhysicalMovement physicalMovement) {

    public record PhysicalMovement(Double panFullTravelSeconds, Double tiltFullTravelSeconds) {
    }

    public boolean isMovingHead() {
        String t = type.toLowerCase(Locale.ROOT);
        return t.equals("moving_head") || t.equals("moving-head");
    }

    public int maxOffset() {
        return channels.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** How many DMX addresses an instance occupies: offsets 0 to the highest one, gaps included. */
    public int footprint() {
        return maxOffset() + 1;
    }
}
