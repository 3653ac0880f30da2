package io.beatlight.api.midi;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages on the MIDI device's thread and hands the ones we act on to the engine thread, in order: one
 * engine task drains whatever has arrived, so a fader sending hundreds of CCs a second costs one task per drain.
 * At most {@link #MAX_QUEUED} wait; beyond that a note is dropped (and counted) and a CC replaces the controller's
 * pending value, handled after the queue, so the latest position of a fader always arrives. Nothing a device sends
 * can throw out of {@link #send}.
 */
final class MidiReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(MidiReceiver.class);
    static final int MAX_QUEUED = 1024;

    private final Executor engine;
    private final Consumer<MidiInputMessage> handler;
    private final Queue<MidiInputMessage> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Per controller (channel × 128 + number), its latest value that did not fit in the queue. */
    private final Map<Integer, MidiInputMessage> overflowCc = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    MidiReceiver(Executor engine, Consumer<MidiInputMessage> handler) {
        this.engine = engine;
        this.handler = handler;
    }

    @Override
    public void send(MidiMessage message, long timeStamp) {
        if (closed) {
            return;
        }
        try {
            MidiInputMessage parsed = MidiInputMessage.parse(message).orElse(null);
            if (parsed == null) {
                ignored.incrementAndGet();
                return;
            }
            if (queued.incrementAndGet() > MAX_QUEUED) {
                queued.decrementAndGet();
                if (parsed.isNote()) {
                    if (dropped.incrementAndGet() % 1000 == 1) {
                        LOG.warn("MIDI input is sending faster than the show can take; {} notes dropped so far",
                                dropped.get());
                    }
                    return;
                }
                overflowCc.put(parsed.channel() * 128 + parsed.number(), parsed);
            } else {
                if (!parsed.isNote()) {
                    // a value that overflowed earlier is older than this one: it must not be handled after it
                    overflowCc.remove(parsed.channel() * 128 + parsed.number());
                }
                queue.add(parsed);
            }
            if (drainScheduled.compareAndSet(false, true)) {
                engine.execute(this::drain);
            }
        } catch (RuntimeException e) {
            // a stopped engine or anything else: the device thread must never see it
            LOG.debug("MIDI message not handled: {}", e.toString());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        MidiInputMessage message;
        while ((message = queue.poll()) != null) {
            queued.decrementAndGet();
            handle(message);
        }
        for (Integer controller : overflowCc.keySet()) {
            MidiInputMessage latest = overflowCc.remove(controller);
            if (latest != null) {
                handle(latest);
            }
        }
    }

    private void handle(MidiInputMessage message) {
        try {
            handler.accept(message);
        } catch (RuntimeException e) {
            LOG.error("MIDI message {} failed", message, e);
        }
    }

    /** Messages that were not a note or CC (system, clock, timecode, malformed). */
    long ignored() {
        return ignored.get();
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        closed = true;
    }
}
