package io.beatlight.rig.library;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The structure of a mode that naming and controls depend on: which head each channel belongs to, which fine byte
 * goes with which coarse channel, and which red, green and blue (or cyan, magenta and yellow) channels form a colour.
 */
final class ModeLayout {
    private final Definition.Mode mode;
    private final List<Definition.Channel> channels;
    private final int count;
    /** Head number (1-based) of each offset; 0 for the whole fixture (also when there is a single head). */
    private final int[] head;
    private final boolean multiHead;
    /** For each offset: the offset of its fine byte (coarse channels) or of its coarse byte (fine ones), else -1. */
    private final int[] partner;
    /** rgb sets: offset of the red channel → {red, green, blue} offsets. */
    private final Map<Integer, int[]> rgbSets = new LinkedHashMap<>();
    /** CMY sets: offset of the cyan channel → {cyan, magenta, yellow} offsets (subtractive rgb controls). */
    private final Map<Integer, int[]> cmySets = new LinkedHashMap<>();
    private final Set<Integer> inRgbSet = new HashSet<>();

    ModeLayout(Definition.Mode mode) {
        this.mode = mode;
        this.channels = mode.channels();
        this.count = channels.size();
        this.head = new int[count];
        this.partner = new int[count];
        Arrays.fill(partner, -1);
        this.multiHead = assignHeads();
        pairFineChannels();
        groupColours();
    }

    int count() {
        return count;
    }

    /** The channel at an offset; null for a gap in the mode's numbering. */
    Definition.Channel channel(int offset) {
        return channels.get(offset);
    }

    /** The head (1-based) of an offset, 0 for the whole fixture. */
    int head(int offset) {
        return head[offset];
    }

    boolean multiHead() {
        return multiHead;
    }

    /** The fine byte of a coarse channel or the coarse channel of a fine byte; -1 when unpaired. */
    int partner(int offset) {
        return partner[offset];
    }

    /** Offset of each set's red channel → its {red, green, blue} offsets, in offset order. */
    Map<Integer, int[]> rgbSets() {
        return Collections.unmodifiableMap(rgbSets);
    }

    /** Offset of each set's cyan channel → its {cyan, magenta, yellow} offsets, in offset order. */
    Map<Integer, int[]> cmySets() {
        return Collections.unmodifiableMap(cmySets);
    }

    /** True for a channel of an rgb or a CMY set. */
    boolean inRgbSet(int offset) {
        return inRgbSet.contains(offset);
    }

    /** Heads only count when there are two or more; a channel listed in several heads belongs to the fixture. */
    private boolean assignHeads() {
        if (mode.heads().size() < 2) {
            return false;
        }
        int[] seen = new int[count];
        for (int h = 0; h < mode.heads().size(); h++) {
            for (int offset : mode.heads().get(h)) {
                if (offset >= 0 && offset < count) {
                    head[offset] = seen[offset] == 0 ? h + 1 : 0;
                    seen[offset]++;
                }
            }
        }
        return true;
    }

    Role role(int offset) {
        Definition.Channel c = channels.get(offset);
        return c == null ? Role.NOTHING : c.role();
    }

    boolean isFine(int offset) {
        Definition.Channel c = channels.get(offset);
        return c != null && c.fine();
    }

    /** Pairs each fine byte with its coarse channel: the one the file names, else the nearest of the same role. */
    private void pairFineChannels() {
        for (int i = 0; i < count; i++) {
            Role role = role(i);
            if (!isFine(i) || role == Role.OTHER || role == Role.NOTHING) {
                continue;
            }
            int coarse = namedCoarse(i);
            if (coarse < 0) {
                coarse = nearestCoarse(i, role);
            }
            if (coarse >= 0) {
                partner[i] = coarse;
                partner[coarse] = i;
            }
        }
    }

    private int namedCoarse(int fine) {
        String wanted = channels.get(fine).coarse();
        if (wanted == null) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            Definition.Channel c = channels.get(i);
            if (c != null && !c.fine() && c.name().equals(wanted) && partner[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    /** The closest unpaired coarse channel of the role in the same head, looking backwards first. */
    private int nearestCoarse(int fine, Role role) {
        for (int i = fine - 1; i >= 0; i--) {
            if (role(i) == role && !isFine(i) && partner[i] < 0 && head[i] == head[fine]) {
                return i;
            }
        }
        for (int i = fine + 1; i < count; i++) {
            if (role(i) == role && !isFine(i) && partner[i] < 0 && head[i] == head[fine]) {
                return i;
            }
        }
        return -1;
    }

    /** A fine byte paired with its coarse channel (it gets no control of its own). */
    boolean isPairedFine(int offset) {
        return isFine(offset) && partner[offset] >= 0;
    }

    /** Coarse channels of a role in a head, in offset order. */
    private List<Integer> coarseOf(Role role, int inHead) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (role(i) == role && head[i] == inHead && !isPairedFine(i) && !isFine(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Groups red, green and blue into rgb controls, and cyan, magenta and yellow into subtractive ones: the k-th of
     * each colour in a head form the k-th set.
     */
    private void groupColours() {
        Set<Integer> heads = new TreeSet<>();
        for (int h : head) {
            heads.add(h);
        }
        for (int h : heads) {
            group(h, Role.RED, Role.GREEN, Role.BLUE, rgbSets);
            if (!hasAdditivePrimaries(h)) {
                group(h, Role.CYAN, Role.MAGENTA, Role.YELLOW, cmySets);
            }
        }
    }

    /**
     * True when a head has a red, green or blue emitter: its cyan, magenta or yellow channels are then more LEDs
     * (additive, as on six- and seven-colour LED fixtures), not the flags of CMY mixing.
     */
    private boolean hasAdditivePrimaries(int inHead) {
        return !coarseOf(Role.RED, inHead).isEmpty() || !coarseOf(Role.GREEN, inHead).isEmpty()
                || !coarseOf(Role.BLUE, inHead).isEmpty();
    }

    private void group(int inHead, Role first, Role second, Role third, Map<Integer, int[]> sets) {
        List<Integer> a = coarseOf(first, inHead);
        List<Integer> b = coarseOf(second, inHead);
        List<Integer> c = coarseOf(third, inHead);
        int complete = Math.min(a.size(), Math.min(b.size(), c.size()));
        for (int k = 0; k < complete; k++) {
            int[] set = {a.get(k), b.get(k), c.get(k)};
            sets.put(a.get(k), set);
            inRgbSet.add(set[0]);
            inRgbSet.add(set[1]);
            inRgbSet.add(set[2]);
        }
    }

    /** True for a head's CMY channels that are subtractive flags (no red, green or blue beside them). */
    boolean isCmyFlag(int offset) {
        Role r = role(offset);
        return (r == Role.CYAN || r == Role.MAGENTA || r == Role.YELLOW) && !hasAdditivePrimaries(head[offset]);
    }

    boolean hasAdditiveEmitters() {
        for (int i = 0; i < count; i++) {
            Role r = role(i);
            if (r.isEmitter() && r != Role.CYAN && r != Role.MAGENTA && r != Role.YELLOW) {
                return true;
            }
        }
        return false;
    }

    /** True when a head (0: the whole fixture) has additive colour mixing. */
    boolean hasRgbIn(int inHead) {
        return rgbSets.values().stream().anyMatch(set -> head[set[0]] == inHead);
    }

    /** True when a head (0: the whole fixture) has a colour control, additive or CMY. */
    boolean hasColourIn(int inHead) {
        return hasRgbIn(inHead) || cmySets.values().stream().anyMatch(set -> head[set[0]] == inHead);
    }

    /** True when some numbered head has a colour control of its own. */
    boolean hasHeadColour() {
        for (int h : head) {
            if (h > 0 && hasColourIn(h)) {
                return true;
            }
        }
        return false;
    }

    String headSuffix(int offset) {
        return multiHead && head[offset] > 0 ? "_" + head[offset] : "";
    }

    String headLabel(int offset) {
        return multiHead && head[offset] > 0 ? " " + head[offset] : "";
    }
}
