package io.beatlight.timecode;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes MIDI Time Code: quarter-frame messages ({@code F1 0pppvvvv}, pieces 0..7 carrying frames, seconds, minutes
 * and hours low/high nibbles, the rate in piece 7) and full-frame SysEx ({@code F0 7F dd 01 01 hh mm ss ff F7}, the
 * rate in bits 5-6 of the hour byte).
 *
 * <p>Timing convention (the same for every source in this package): the listener gets the timecode whose frame
 * starts at {@code atNanos}, i.e. the transport was at {@code timecode.toSeconds()} then. A quarter-frame cycle
 * carries frame F; piece k is sent as the transport passes F + k/4 (running backwards the pieces come 7..0). The
 * value is only known at the cycle's last piece, 1¾ frames after F began, so forwards the decoder reports F+1
 * stamped at the moment piece 4 marked its start: the usual "add two frames" of MTC readers, without claiming an
 * instant in the future. Backwards the last piece (0) is sent as F begins, and F is reported stamped then. The
 * instant is the median over the eight pieces of each arrival less its nominal distance from that boundary, so one
 * late message does not move it. Every frame is reported: half-way through the next cycle (forwards after pieces
 * 0-3, backwards after 7-4) the boundary it passed is reported too, when those pieces match the value the decoded
 * cycle predicts (F ± 2). A full-frame message is reported as is, stamped at its arrival.
 *
 * <p>Pieces may be missing or arrive out of order: a cycle is decoded only when all eight pieces arrived since its
 * first piece, anything else is dropped and counted. Messages that are not MTC are ignored and counted; broken MTC
 * (wrong length, impossible values) is counted as malformed. Thread-safe: {@link #send} may be called from any
 * MIDI thread; the listener is called on that thread.
 */
public final class MtcDecoder implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(MtcDecoder.class);
    private static final int FULL_MASK = 0xFF;
    /** A gap longer than this between quarter frames starts over (the sender stopped or jumped). */
    private static final long STALE_NANOS = 250_000_000L;
    private static final FrameRate[] RATES = {FrameRate.FPS_24, FrameRate.FPS_25, FrameRate.FPS_2997_DF,
            FrameRate.FPS_30};

    private final TimecodeListener listener;
    private final LongSupplier clock;
    private final AtomicLong listenerFailures = new AtomicLong();

    private final int[] nibbles = new int[8];
    private final long[] arrivals = new long[8];
    private int mask;
    private int lastPiece = -1;
    private long lastArrival;
    /** +1 forward, -1 backwards, 0 until the first step was seen (then treated as forward). */
    private int direction;
    private int contraryVotes;
    /** The value the next cycle should carry, after a decoded cycle (null when unknown). */
    private Timecode predicted;
    private boolean closed;

    private long quarterFrames;
    private long fullFrames;
    private long decoded;
    private long incompleteCycles;
    private long malformed;
    private long ignored;

    public MtcDecoder(TimecodeListener listener) {
        this(listener, System::nanoTime);
    }

    /** With the clock that stamps arrivals (tests drive it by hand). */
    public MtcDecoder(TimecodeListener listener, LongSupplier clock) {
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void send(MidiMessage message, long timeStamp) {
        if (message == null) {
            return;
        }
        long now = clock.getAsLong();
        accept(message.getMessage(), message.getLength(), now);
    }

    /** Decodes the bytes of one MIDI message that arrived at {@code nanos}. */
    public void accept(byte[] data, int length, long nanos) {
        Report report;
        synchronized (this) {
            if (closed) {
                return;
            }
            report = decode(data == null ? new byte[0] : data, Math.min(length, data == null ? 0 : data.length),
                    nanos);
        }
        if (report != null) {
            try {
                listener.timecode(report.timecode, report.atNanos);
            } catch (RuntimeException e) {
                // the receiver's fault, not the input's: keep decoding (the MIDI thread must not die of it)
                long failures = listenerFailures.incrementAndGet();
                if (failures == 1 || failures % 1000 == 0) {
                    LOG.warn("MTC listener failed on {} ({} times so far): {}", report.timecode, failures,
                            e.toString());
                }
            }
        }
    }

    private Report decode(byte[] data, int length, long nanos) {
        int status = length > 0 ? data[0] & 0xFF : -1;
        if (status == 0xF1) {
            quarterFrames++;
            if (length != 2 || (data[1] & 0x80) != 0) {
                malformed++;
                return null;
            }
            return quarterFrame((data[1] >> 4) & 0x7, data[1] & 0x0F, nanos);
        }
        if (status == 0xF0 && length >= 5 && (data[1] & 0xFF) == 0x7F && data[3] == 0x01 && data[4] == 0x01) {
            fullFrames++;
            return fullFrame(data, length, nanos);
        }
        ignored++;
        return null;
    }

    private Report fullFrame(byte[] data, int length, long nanos) {
        if (length != 10 || (data[9] & 0xFF) != 0xF7) {
            malformed++;
            return null;
        }
        for (int i = 5; i < 9; i++) {
            if ((data[i] & 0x80) != 0) {
                malformed++;
                return null;
            }
        }
        Timecode tc = timecode(data[5] & 0x1F, data[6], data[7], data[8], RATES[(data[5] >> 5) & 0x3]);
        // a full frame is a locate: the quarter frames that follow start a new cycle
        restart();
        if (tc == null) {
            malformed++;
            return null;
        }
        decoded++;
        return new Report(tc, nanos);
    }

    private Report quarterFrame(int piece, int value, long nanos) {
        if (piece == 7 && (value & 0x8) != 0) {
            malformed++;
            return null;
        }
        if (lastPiece >= 0 && nanos - lastArrival > STALE_NANOS) {
            restart();
        }
        vote(piece);
        lastPiece = piece;
        lastArrival = nanos;
        boolean forward = direction >= 0;
        if (piece == (forward ? 0 : 7)) {
            if (mask != 0) {
                incompleteCycles++;
                predicted = null;
            }
            mask = 0;
        }
        nibbles[piece] = value;
        arrivals[piece] = nanos;
        mask |= 1 << piece;
        if (direction == 0) {
            return null;
        }
        if (piece == (forward ? 3 : 4)) {
            return halfCycle(forward);
        }
        if (piece != (forward ? 7 : 0)) {
            return null;
        }
        int got = mask;
        mask = 0;
        predicted = null;
        if (got != FULL_MASK) {
            incompleteCycles++;
            return null;
        }
        Timecode tc = timecode(nibbles[6] | (nibbles[7] & 0x1) << 4, nibbles[4] | (nibbles[5] & 0x3) << 4,
                nibbles[2] | (nibbles[3] & 0x3) << 4, nibbles[0] | (nibbles[1] & 0x1) << 4,
                RATES[(nibbles[7] >> 1) & 0x3]);
        if (tc == null) {
            malformed++;
            return null;
        }
        decoded++;
        predicted = Timecode.ofFrameNumber(tc.frameNumber() + 2L * direction, tc.rate());
        // forwards the cycle ends 3/4 into frame F+1, which began at piece 4; backwards it ends as F begins
        int boundary = forward ? 4 : 0;
        return new Report(forward ? Timecode.ofFrameNumber(tc.frameNumber() + 1, tc.rate()) : tc,
                instantOf(boundary, 0, 7, tc.rate()));
    }

    /**
     * Half-way through a cycle that follows a decoded one, the frame boundary it passed is reported too if the four
     * pieces so far agree with the cycle expected (forwards frames and seconds, backwards minutes, hours and rate),
     * so every frame gets a report.
     */
    private Report halfCycle(boolean forward) {
        int firstPiece = forward ? 0 : 4;
        if (predicted == null || mask != 0xF << firstPiece) {
            return null;
        }
        Timecode p = predicted;
        for (int k = firstPiece; k < firstPiece + 4; k++) {
            if (nibbles[k] != nibble(p, k)) {
                return null;
            }
        }
        decoded++;
        Timecode boundary = forward ? p : Timecode.ofFrameNumber(p.frameNumber() + 1, p.rate());
        return new Report(boundary, instantOf(firstPiece, firstPiece, firstPiece + 3, p.rate()));
    }

    /** The value piece {@code k} carries for {@code tc}, reserved bits cleared. */
    private static int nibble(Timecode tc, int k) {
        return switch (k) {
            case 0 -> tc.frames() & 0xF;
            case 1 -> tc.frames() >> 4;
            case 2 -> tc.seconds() & 0xF;
            case 3 -> tc.seconds() >> 4;
            case 4 -> tc.minutes() & 0xF;
            case 5 -> tc.minutes() >> 4;
            case 6 -> tc.hours() & 0xF;
            default -> tc.hours() >> 4 | Arrays.asList(RATES).indexOf(tc.rate()) << 1;
        };
    }

    private void restart() {
        mask = 0;
        lastPiece = -1;
        predicted = null;
    }

    /** The direction changes after two consecutive steps against it; skipped or swapped pieces do not vote. */
    private void vote(int piece) {
        if (lastPiece < 0) {
            return;
        }
        int step = Math.floorMod(piece - lastPiece, 8);
        int vote = step == 1 ? 1 : step == 7 ? -1 : 0;
        if (vote == 0) {
            return;
        }
        if (direction == 0 || vote == direction) {
            direction = vote;
            contraryVotes = 0;
        } else if (++contraryVotes >= 2) {
            direction = vote;
            contraryVotes = 0;
            mask = 0;
            predicted = null;
        }
    }

    /**
     * When the transport passed piece {@code target}'s position: the median over pieces {@code from..to} of "arrival
     * less the distance from the target" at the nominal speed, which shrugs off a late message.
     */
    private long instantOf(int target, int from, int to, FrameRate rate) {
        double quarter = 1e9 / (rate.actualFps() * 4);
        int sign = direction >= 0 ? 1 : -1;
        double[] estimates = new double[to - from + 1];
        for (int k = from; k <= to; k++) {
            estimates[k - from] = arrivals[k] - sign * (k - target) * quarter;
        }
        Arrays.sort(estimates);
        int n = estimates.length;
        return Math.round((estimates[(n - 1) / 2] + estimates[n / 2]) / 2);
    }

    private static Timecode timecode(int hours, int minutes, int seconds, int frames, FrameRate rate) {
        try {
            return new Timecode(hours, minutes, seconds, frames, rate);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Quarter-frame messages seen (valid or not). */
    public synchronized long quarterFrames() {
        return quarterFrames;
    }

    /** Full-frame SysEx messages seen (valid or not). */
    public synchronized long fullFrames() {
        return fullFrames;
    }

    /** Timecodes reported to the listener. */
    public synchronized long decoded() {
        return decoded;
    }

    /** Quarter-frame cycles dropped because a piece was missing. */
    public synchronized long incompleteCycles() {
        return incompleteCycles;
    }

    /** MTC messages with a wrong length or values that are no timecode. */
    public synchronized long malformed() {
        return malformed;
    }

    /** Messages that are not MTC (notes, other SysEx, stray bytes). */
    public synchronized long ignored() {
        return ignored;
    }

    private record Report(Timecode timecode, long atNanos) {
    }
}
