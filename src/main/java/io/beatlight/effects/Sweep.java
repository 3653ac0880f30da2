package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code sweep}: a two-leg arc from the start POI through the subject POI to the end POI (or the mirror of the
 * start), lit only near the subject. Every formula is evaluated in the order the spec writes it, because the last
 * bit decides ties in {@code R()}.
 */
final class Sweep extends BaseEffect {
    private static final PoiParam SUBJECT = Param.poi("subject_POI", "Focal point, passed at mid-sweep.");
    private static final PoiParam FROM = Param.poi("start_POI", "Where the sweep begins.");
    private static final PoiParam TO = Param.poi("end_POI",
            "Where it ends (default: the start mirrored through the subject).");
    /** 0 (the default) means the cue's duration. */
    private static final NumberParam DURATION = Param.number("duration",
            "Seconds of motion (default: the cue's duration).", 0.0, null, null);
    private static final NumberParam EASING = Param.number("easing", "Seconds of easing per leg.", 0.0, null, 0.0);
    private static final NumberParam ARC = Param.number("arc_strength",
            "Sideways bulge as a fraction of the leg length.", -1.0, 1.0, 0.015);
    private static final NumberParam CLOSE_RATIO = Param.number("subject_close_ratio",
            "Width of the lit zone around the subject.", 0.01, 1.0, 0.1);
    private static final NumberParam MAX_DIM = Param.number("max_dim", "Peak intensity 0..1.", 0.0, 1.0, 1.0);
    /** Read by the later semantics only (a dark lead-in of the envelope); not offered to clients. */
    private static final NumberParam DIMMER_EASING = Param.number("dimmer_easing",
            "Fraction of the first leg that stays dark.", 0.0, 1.0, null);

    Sweep() {
        super("sweep", "Sweep", "Arcs the head from a start POI through a subject POI and on, lighting up as it "
                + "passes the subject.", List.of("movement", "tension", "long", "soft"),
                Parameters.of(SUBJECT, FROM, TO, DURATION, EASING, ARC, CLOSE_RATIO, MAX_DIM)
                        .requiring(SUBJECT, FROM));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return fixture.fixture().isMovingHead() && fixture.hasAxes();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        Legs legs = legs(fixture.fixture().id(), data, env);
        if (legs == null) {
            return RowRenderer.NOOP;
        }
        return env.v1() ? reference(fixture, data, env.fps(), legs) : later(fixture, data, env, legs);
    }

    /**
     * The two legs start → subject → end as pan/tilt: {@code s*} the subject, {@code a*} the start, {@code o*} the
     * end.
     */
    private record Legs(int sp, int st, int ap, int at, int op, int ot) {
    }

    /** The legs, or null when the subject or the start does not resolve. */
    private static Legs legs(String id, JsonNode data, RenderEnv env) {
        String subject = SUBJECT.read(data);
        String from = FROM.read(data);
        if (subject.isEmpty() || from.isEmpty()) {
            return null;
        }
        Targets.PanTilt s = Targets.poi(subject, id, env.pois());
        Targets.PanTilt a = Targets.poi(from, id, env.pois());
        if (!s.complete() || !a.complete()) {
            return null;
        }
        int sp = s.pan();
        int st = s.tilt();
        int ap = a.pan();
        int at = a.tilt();
        // the mirror of the start through the subject, per axis unless the end POI gives that axis
        int op = Math.max(0, Math.min(65535, 2 * sp - ap));
        int ot = Math.max(0, Math.min(65535, 2 * st - at));
        String endKey = TO.read(data);
        if (!endKey.isEmpty()) {
            Targets.PanTilt end = Targets.poi(endKey, id, env.pois());
            op = end.pan() != null ? end.pan() : op;
            ot = end.tilt() != null ? end.tilt() : ot;
        }
        return new Legs(sp, st, ap, at, op, ot);
    }

    /**
     * Reference semantics: {@code data.duration} retimes the motion but not the active window (quirk S13 in
     * docs/effects.md#quirks); the head jumps along the arc and the intensity follows the proximity to the subject.
     */
    private static RowRenderer reference(FixtureChannels fixture, JsonNode data, int fps, Legs legs) {
        double dataDuration = DURATION.read(data);
        double easing = EASING.read(data);
        double arc = ARC.read(data);
        double closeRatio = CLOSE_RATIO.read(data);
        int peak = clampByte(Math.rint(clamp01(MAX_DIM.read(data)) * 255));
        return (f, start, end, u) -> {
            double d = motionSeconds(dataDuration, start, end, fps);
            long frames = Math.max(1, (long) Math.rint(d * fps));
            double p = clamp01((double) (f - start) / frames);
            double pm = ease(p, easing, d);
            double half = Math.max(0, d * 0.5);
            double pd = ease(p, half - Math.max(0, Math.min(half, easing)), d);
            long[] position = pm <= 0.5 ? arc(legs.ap(), legs.at(), legs.sp(), legs.st(), 2 * pm, arc)
                    : arc(legs.sp(), legs.st(), legs.op(), legs.ot(), (pm - 0.5) * 2, arc);
            long pan = Math.max(0, Math.min(65535, position[0]));
            long tilt = Math.max(0, Math.min(65535, position[1]));
            double w = pd <= 0.5 ? 2 * pd : 1 - (pd - 0.5) * 2;
            w = w * close(pan, tilt, legs.sp(), legs.st(), legs.ap(), legs.at(), closeRatio);
            int intensity = clampByte(Math.rint(peak * clamp01(w)));
            fixture.setPan(u, pan);
            fixture.setTilt(u, tilt);
            FixtureChannels.set(u, fixture.intensity(), intensity);
            FixtureChannels.set(u, fixture.shutter(), 255);
        };
    }

    /** Seconds of motion: {@code data.duration} when positive, else the active window (at least one frame). */
    private static double motionSeconds(double dataDuration, int start, int end, int fps) {
        double d = dataDuration;
        if (d <= 0) {
            d = Math.max(1.0 / fps, (double) (end - start) / fps);
        }
        return d;
    }

    /**
     * Later semantics: a dark pre-roll travels to the start POI within the head's speed, then the arc runs
     * over the visible window with per-leg easing, a triangle envelope peaking at the subject, and step limits.
     */
    private static RowRenderer later(FixtureChannels fixture, JsonNode data, RenderEnv env, Legs legs) {
        int fps = env.fps();
        double easing = EASING.read(data);
        double arc = ARC.read(data);
        double dimEasing = DIMMER_EASING.read(data);
        int peak = clampByte(Math.rint(clamp01(MAX_DIM.read(data)) * 255));
        JsonNode visibleNode = data.get(RenderEnv.PREROLL_VISIBLE_FRAME);
        Travel travel = new Travel(fixture.fixture().template(), fps);
        return new TravelRenderer(fixture, travel) {
            @Override
            protected void step(int f, int start, int end, byte[] u) {
                int vis = visibleNode == null ? start : visibleNode.asInt();
                if (f < vis) {
                    preRoll(f, start, vis, legs.ap(), legs.at(), fps, u);
                    FixtureChannels.set(u, fixture.intensity(), 0);
                    return;
                }
                double mp = clamp01((double) (f - vis) / Math.max(1, end - vis));
                double leg = Math.max(1.0 / fps, Math.max(1, end - vis) / (double) fps) * 0.5;
                long[] target = mp <= 0.5
                        ? arc(legs.ap(), legs.at(), legs.sp(), legs.st(), legEase(2 * mp, false, leg, easing), arc)
                        : arc(legs.sp(), legs.st(), legs.op(), legs.ot(), legEase((mp - 0.5) * 2, true, leg, easing),
                                arc);
                moveToward(target[0], target[1], u);
                // exactly at the subject the envelope peaks, whatever the progress says
                double envelope = lastPan == legs.sp() && lastTilt == legs.st() ? 1 : envelope(mp, dimEasing);
                FixtureChannels.set(u, fixture.intensity(), clampByte(Math.rint(peak * clamp01(envelope))));
                FixtureChannels.set(u, fixture.shutter(), 255);
            }
        };
    }

    /** {@code LEG(x, in)}: eases one leg by a cubic, blended by how much of the leg the easing time covers. */
    static double legEase(double x, boolean in, double legSeconds, double easing) {
        x = clamp01(x);
        if (legSeconds <= 0 || easing <= 0) {
            return x;
        }
        double b = clamp01(easing / legSeconds);
        double curve = in ? x * x * x : 1 - Math.pow(1 - x, 3);
        return (1 - b) * x + b * curve;
    }

    /** {@code ENV(mp, de)}: a triangle peaking at the subject, with an optional dark lead-in. */
    static double envelope(double mp, double dimEasing) {
        double fs = clamp01(dimEasing);
        double span = 1 - fs;
        if (mp <= 0.5) {
            double a = 2 * mp;
            return a <= fs || span <= 0 ? 0 : clamp01((a - fs) / span);
        }
        double d = (mp - 0.5) * 2;
        if (d <= 0) {
            return 1;
        }
        return span <= 0 ? 0 : clamp01(1 - d / span);
    }

    static double clamp01(double x) {
        return x < 0 ? 0 : Math.min(1, x);
    }

    private static int clampByte(double x) {
        return (int) Math.max(0, Math.min(255, x));
    }

    /** {@code EASE(p, x, D)}: blends linear progress toward smoothstep. */
    static double ease(double p, double x, double d) {
        p = clamp01(p);
        double positive = Math.max(0, x);
        if (d <= 0 || positive <= 0) {
            return p;
        }
        double b = clamp01(2 * positive / d);
        return (1 - b) * p + b * (p * p * (3 - 2 * p));
    }

    /** {@code ARC((x0,y0) → (x1,y1), t)}: a straight line bulged sideways by {@code sin(π·t)·a}. */
    static long[] arc(int x0, int y0, int x1, int y1, double t, double k) {
        t = clamp01(t);
        double lx = Math.rint(x0 + (x1 - x0) * t);
        double ly = Math.rint(y0 + (y1 - y0) * t);
        long dx = x1 - x0;
        long dy = y1 - y0;
        double d = Math.sqrt((double) (dx * dx + dy * dy));
        if (d <= 0) {
            return new long[] {(long) lx, (long) ly};
        }
        double a = Math.min(220, d * k);
        double o = StrictMath.sin(Math.PI * t) * a;
        return new long[] {(long) Math.rint(lx + (-dy / d) * o), (long) Math.rint(ly + (dx / d) * o)};
    }

    /** {@code CLOSE(P, T)}: how close the beam is to the subject, 0..1. */
    static double close(long p, long t, int sp, int st, int ap, int at, double c) {
        long tp = Math.abs(sp - ap);
        long tt = Math.abs(st - at);
        if (tp == 0 && tt == 0) {
            return 1;
        }
        double r = Math.max(0.01, Math.min(1, c));
        double cp = Math.max(6, tp * r);
        double ct = Math.max(6, tt * r);
        double rp = Math.abs(sp - p);
        double rt = Math.abs(st - t);
        double fp = clamp01((cp - rp) / cp);
        double ft = clamp01((ct - rt) / ct);
        if (fp <= 0 || ft <= 0) {
            return 0;
        }
        double q = Math.min(fp, ft);
        double vp = Math.max(2, cp * 0.4);
        double vt = Math.max(2, ct * 0.4);
        if (rp <= vp && rt <= vt) {
            double m = 1 - Math.max(rp / vp, rt / vt);
            q = Math.min(1, q * (1 + 0.35 * clamp01(m)));
        }
        return clamp01(q);
    }
}
