package io.beatlight.effects;

/**
 * A travel-limited movement (sweep v2, orbit, circle): it remembers the position it last wrote, starting from the
 * head's position in the universe on its first frame, so every frame moves at most as far as the head can.
 */
abstract class TravelRenderer implements RowRenderer {
    protected final FixtureChannels fixture;
    protected final Travel travel;
    protected double lastPan;
    protected double lastTilt;
    protected double initPan;
    protected double initTilt;
    private boolean started;

    TravelRenderer(FixtureChannels fixture, Travel travel) {
        this.fixture = fixture;
        this.travel = travel;
    }

    /** The last position carries from frame to frame, so a row cannot be resumed from its first-frame state. */
    @Override
    public boolean frozenAfterStart() {
        return false;
    }

    @Override
    public final void render(int f, int start, int end, byte[] u) {
        if (!started) {
            started = true;
            lastPan = fixture.pan(u);
            lastTilt = fixture.tilt(u);
            initPan = lastPan;
            initTilt = lastTilt;
            onStart(u);
        }
        step(f, start, end, u);
    }

    /** Reads whatever else the effect keeps from its first frame. */
    protected void onStart(byte[] u) {
    }

    protected abstract void step(int f, int start, int end, byte[] u);

    /** Moves toward a target within the travel limits and writes the position. */
    protected void moveToward(double pan, double tilt, byte[] u) {
        lastPan = travel.pan(lastPan, pan);
        lastTilt = travel.tilt(lastTilt, tilt);
        write(u);
    }

    /**
     * The dark pre-roll before the visible frame {@code vis} (docs/effects.md#pre-roll-v2): travel toward the
     * destination along a straight line within the speed limit, then hold it for the settle time (0.1 s) without a
     * limit.
     */
    protected void preRoll(int f, int start, int vis, double destinationPan, double destinationTilt, int fps,
                           byte[] u) {
        int pre = vis - start;
        int move = pre - (int) Math.min(Math.rint(0.1 * fps), pre);
        if (f < start + move) {
            double x = (double) (f - start) / Math.max(1, move);
            moveToward(Math.rint(initPan + (destinationPan - initPan) * x),
                    Math.rint(initTilt + (destinationTilt - initTilt) * x), u);
        } else {
            jumpTo(destinationPan, destinationTilt, u);
        }
    }

    /** Jumps to a position (no travel limit) and writes it. */
    protected void jumpTo(double pan, double tilt, byte[] u) {
        lastPan = pan;
        lastTilt = tilt;
        write(u);
    }

    private void write(byte[] u) {
        fixture.setPan(u, (long) lastPan);
        fixture.setTilt(u, (long) lastTilt);
    }
}
