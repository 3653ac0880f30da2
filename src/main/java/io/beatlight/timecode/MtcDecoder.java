package io.beatlight.timecode;

import java.util.Arrays;
import java.util.function.LongSupplier;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;

/**
 * Decodes MIDI Time Code: quarter-frame messages ({@code F1 0pppvvvv}, pieces 0..7 carrying frames, seconds, minutes
 * and hours low/high nibbles, the rate in piece 7) and full-frame SysEx ({@code F0 7F dd 01 01 hh mm ss ff F7}, the
 * rate in bits 5-6 of the hour byte).
 *
 * <p>Timing convention (the same for every source in this package): the listener gets the timecode whose frame
 * starts at {@code atNanos}. A quarter-frame cycle carries frame F; piece k is sent as the transport passes F + k/4
 * (running backwards the pieces come 7..0). The value is only known at the cycle's last piece, 1¾ frames after F
 * began, so the decoder reports F+1 stamped at the moment piece 4 marked its start (estimated from the arrival of
 * all eight pieces, which averages out MIDI jitter). That is the usual "add two frames" of MTC readers without
 * claiming an instant in the future. A full-frame message is reported as is, stamped at its arrival.
 *
 * <p>Pieces may be missing or arrive out of order: a cycle is decoded only when all eight pieces arrived since its
 * first piece, anything else is dropped and counted. Messages that are not MTC are ignored and counted; broken MTC
 * (wrong length, impossible values) is counted as malformed. Thread-safe: {@link #send} may be called from any
 * MIDI thread; the listener is called on that thread.
 */
public final class MtcDecoder implements Receiver {
    private static final int FULL_MASK = 0xFF;
    /** A gap longer than this between quarter frames starts over (the sender stopped or jumped). */
    private static final long STALE_NANOS = 250_000_000L;
    private static final FrameRate[] RATES = {FrameRate.FPS_24, FrameRate.FPS_25, FrameRate.FPS_2997_DF,
            FrameRate.FPS_30};

    private final TimecodeListener listener;
    private final LongSupplier clock;

    private final int[] nibbles = new int[8];
    private final long[] arrivals = new long[8];
    private int mask;
    private int lastPiece = -1;
    private long lastArrival;
    /** +1 forward, -1 backwards, 0 until the first step was seen (then treated as forward). */
    private int direction;
    private int contraryVotes;
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
            listener.timecode(report.timecode, report.atNanos);
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
        mask = 0;
        lastPiece = -1;
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
            mask = 0;
            lastPiece = -1;
        }
        vote(piece);
        lastPiece = piece;
        lastArrival = nanos;
        int first = direction >= 0 ? 0 : 7;
        int last = direction >= 0 ? 7 : 0;
        if (piece == first) {
            if (mask != 0) {
                incompleteCycles++;
            }
            mask = 0;
        }
        nibbles[piece] = value;
        arrivals[piece] = nanos;
        mask |= 1 << piece;
        if (piece != last || direction == 0) {
            return null;
        }
        int got = mask;
        mask = 0;
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
        Timecode next = Timecode.ofFrameNumber(tc.frameNumber() + 1, tc.rate());
        return new Report(next, pieceFourInstant(tc.rate()));
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
        }
    }

    /** Median over the eight pieces of "arrival minus its distance from piece 4", at the nominal speed. */
    private long pieceFourInstant(FrameRate rate) {
        double quarter = 1e9 / (rate.actualFps() * 4);
        double[] estimates = new double[8];
        for (int k = 0; k < 8; k++) {
            estimates[k] = arrivals[k] - (direction >= 0 ? 1 : -1) * (k - 4) * quarter;
        }
        Arrays.sort(estimates);
        return Math.round((estimates[3] + estimates[4]) / 2);
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
