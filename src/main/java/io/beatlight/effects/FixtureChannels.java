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

    /** A 16-bit axis: a meta channel with exactly this id, kind u16 and two channels. */
    private int[] axis(String id) {
        MetaChannel meta = fixture.template().metaChannels().get(id);
        if (meta == null || meta.kind() != MetaKind.U16 || meta.channels() == null || meta.channels().size() != 2) {
            return new int[] {NONE, NONE};
        }
        return new int[] {of(meta.channels().get(0)), of(meta.channels().get(1))};
    }

    public Fixture fixture() {
        return fixture;
    }

    /** Buffer index of a template channel, or {@link #NONE}. */
    public int of(String channelName) {
        Integer i = index.get(channelName);
        return i == null ? NONE : i;
    }

    public boolean hasAxes() {
        return panMsb != NONE && panLsb != NONE && tiltMsb != NONE && tiltLsb != NONE;
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

    public int pan(byte[] u) {
        return (u[panMsb] & 0xFF) << 8 | (u[panLsb] & 0xFF);
    }

    public int tilt(byte[] u) {
        return (u[tiltMsb] & 0xFF) << 8 | (u[tiltLsb] & 0xFF);
    }

    /** Writes a 16-bit pan value; a fixture without the axis is left alone. */
    public void setPan(byte[] u, long value) {
        if (panMsb != NONE && panLsb != NONE) {
            int v = (int) Math.max(0, Math.min(65535, value));
            u[panMsb] = (byte) (v >> 8);
            u[panLsb] = (byte) v;
        }
    }

    public void setTilt(byte[] u, long value) {
        if (tiltMsb != NONE && tiltLsb != NONE) {
            int v = (int) Math.max(0, Math.min(65535, value));
            u[tiltMsb] = (byte) (v >> 8);
            u[tiltLsb] = (byte) v;
        }
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
