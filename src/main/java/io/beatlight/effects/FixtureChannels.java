package io.beatlight.effects;

import io.beatlight.dmx.UniverseLayout;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.MetaChannel;
import io.beatlight.rig.MetaKind;
import java.util.HashMap;
import java.util.Map;

/**
 * A fixture's channels resolved to indexes in a render's working buffer (all universes, 512 bytes each), computed
 * once per render so effects never look names up per frame.
 */
public final class FixtureChannels {
    public static final int NONE = -1;

    private final Fixture fixture;
    private final Map<String, Integer> index = new HashMap<>();
    private final int panMsb;
    private final int panLsb;
    private final int tiltMsb;
    private final int tiltLsb;
    private final int intensity;
    private final int shutter;
    private final int red;
    private final int green;
    private final int blue;

    public FixtureChannels(Fixture fixture, UniverseLayout layout) {
        this.fixture = fixture;
        int universeBase = layout.indexOf(fixture.universe()) * UniverseLayout.UNIVERSE_SIZE;
        fixture.template().channels().forEach((name, offset) ->
                index.put(name, universeBase + fixture.baseChannel() + offset - 1));
        int[] pan = axis("pan");
        int[] tilt = axis("tilt");
        panMsb = pan[0];
        panLsb = pan[1];
        tiltMsb = tilt[0];
        tiltLsb = tilt[1];
        int found = NONE;
        for (String name : new String[] {"dim", "dimmer", "intensity"}) {
            if (index.containsKey(name)) {
                found = index.get(name);
                break;
            }
        }
        intensity = found;
        shutter = of("shutter");
        red = of("red");
        green = of("green");
        blue = of("blue");
    }

    /**
     * An axis: a meta channel with exactly this id, either kind u16 with two channels ({msb, lsb}) or kind u8 with a
     * channel (an 8-bit axis: {coarse, NONE}). The seed drove u16 axes only; 8-bit ones are an extension for the
     * fixtures it could not move, so the u16 path stays exactly the seed's.
     */
    private int[] axis(String id) {
        MetaChannel meta = fixture.template().metaChannels().get(id);
        if (meta != null && meta.kind() == MetaKind.U16 && meta.channels() != null && meta.channels().size() == 2) {
            return new int[] {of(meta.channels().get(0)), of(meta.channels().get(1))};
        }
        if (meta != null && meta.kind() == MetaKind.U8 && meta.channel() != null) {
            return new int[] {of(meta.channel()), NONE};
        }
        return new int[] {NONE, NONE};
    }

    public Fixture fixture() {
        return fixture;
    }

    /** Buffer index of a template channel, or {@link #NONE}. */
    public int of(String channelName) {
        Integer i = index.get(channelName);
        return i == null ? NONE : i;
    }

    /** Pan and tilt both present, 16-bit or 8-bit (docs/effects.md#addressing). */
    public boolean hasAxes() {
        return panMsb != NONE && tiltMsb != NONE;
    }

    public boolean hasRgb() {
        return red != NONE && green != NONE && blue != NONE;
    }

    public int intensity() {
        return intensity;
    }

    public int shutter() {
        return shutter;
    }

    public int red() {
        return red;
    }

    public int green() {
        return green;
    }

    public int blue() {
        return blue;
    }

    /** The pan position as a 16-bit value; an 8-bit axis reads as its byte shifted up ({@code msb << 8}). */
    public int pan(byte[] u) {
        return read(u, panMsb, panLsb);
    }

    public int tilt(byte[] u) {
        return read(u, tiltMsb, tiltLsb);
    }

    /** Writes a 16-bit pan value; a fixture without the axis is left alone. */
    public void setPan(byte[] u, long value) {
        write(u, panMsb, panLsb, value);
    }

    public void setTilt(byte[] u, long value) {
        write(u, tiltMsb, tiltLsb, value);
    }

    private static int read(byte[] u, int msb, int lsb) {
        return (u[msb] & 0xFF) << 8 | (lsb == NONE ? 0 : u[lsb] & 0xFF);
    }

    /**
     * A 16-bit axis gets {@code v >> 8} and {@code v & 255}; an 8-bit axis the nearest byte, {@code R(v / 256)}
     * (ties to even) capped at 255, so a target half-way between two steps does not always round down.
     */
    private static void write(byte[] u, int msb, int lsb, long value) {
        if (msb == NONE) {
            return;
        }
        int v = (int) Math.max(0, Math.min(65535, value));
        if (lsb == NONE) {
            u[msb] = (byte) Math.min(255, (int) Math.rint(v / 256.0));
            return;
        }
        u[msb] = (byte) (v >> 8);
        u[lsb] = (byte) v;
    }

    /** Stores a byte at a buffer index; {@link #NONE} is ignored. */
    public static void set(byte[] u, int index, int value) {
        if (index != NONE) {
            u[index] = (byte) Math.max(0, Math.min(255, value));
        }
    }

    public static int get(byte[] u, int index) {
        return index == NONE ? 0 : u[index] & 0xFF;
    }
}
