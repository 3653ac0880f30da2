package io.beatlight.rig.library;

import java.util.List;

/**
 * A fixture definition of the library as the index knows it, without its templates.
 *
 * @param id    stable id: {@code qlc:<Manufacturer>/<Model>} or {@code ofl:<manufacturer-key>/<fixture-key>}
 * @param type  the library's own type ({@code Moving Head}, {@code Color Changer}, {@code Dimmer}...)
 * @param modes the modes in file order
 */
public record LibraryEntry(String id, String manufacturer, String model, String type, List<ModeSummary> modes) {
    public LibraryEntry {
        modes = List.copyOf(modes);
    }
}
