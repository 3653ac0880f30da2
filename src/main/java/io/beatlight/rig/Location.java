package io.beatlight.rig;

/** A normalised room position (the reference data uses 0..1 on every axis). */
public record Location(double x, double y, double z) {
    public static final Location ORIGIN = new Location(0, 0, 0);
}
