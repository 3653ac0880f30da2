package io.beatlight.assistant;

import io.beatlight.tools.ShowView.FixtureInfo;
import java.util.List;
import java.util.stream.Collectors;

/** How the interpreter's replies and summaries write numbers and lists of fixtures. */
final class Wording {
    private Wording() {
    }

    /** A number without a trailing ".0" when it is whole. */
    static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The fixtures' names, comma-separated; "no fixture" for none. */
    static String names(List<FixtureInfo> fixtures) {
        if (fixtures.isEmpty()) {
            return "no fixture";
        }
        return fixtures.stream().map(FixtureInfo::name).collect(Collectors.joining(", "));
    }
}
