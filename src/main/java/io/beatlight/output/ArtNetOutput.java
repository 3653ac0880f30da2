package io.beatlight.output;

import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import io.beatlight.playback.MasterOutput;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output loop: a dedicated thread that sends, every frame, each universe of the layout to its destinations
 * (see {@link RoutePlan}: outputs.json routes or the command-line targets, Art-Net and sACN, plus Art-Net 4
 * subscribers), optionally followed by ArtSync and the sACN sync packet; a destination that stops getting a
 * universe gets a blackout ending. Frames leave on a deadline grid ({@code start + n·period});
 * when late, the newest frame goes out at once and the grid is kept. The frame comes from a volatile
 * {@link FrameSource}, so the loop never waits for the show engine; errors are logged (rate-limited) and never
 * stop it.
 */
public final class ArtNetOutput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArtNetOutput.class);
    /**
     * Park until this close to the deadline, then spin. On virtual machines parkNanos wakes up to half a millisecond
     * late; spinning the last millisecond of each 16.7 ms frame costs about 6 % of one core and keeps the p99 error
     * of the send time in tens of microseconds.
     */
    private static final long SPIN_NANOS = Long.getLong("beatlight.output.spinNanos", 1_000_000);
    static final int BLACKOUT_REPEATS = 3;
    /**
     * Send on change uses fixed points between frames: {@code CHANGE_SLOTS - 1} evenly spaced instants after each frame
     * (4.2, 8.3 and 12.5 ms at 60 FPS), skipping any closer than {@link #CHANGE_GUARD_NANOS} to the next frame. A fixed
     * schedule keeps the loop's wake-ups bounded whatever the rate of edits (waking it on every edit made ~1,000
     * wake-ups a second under 20 clients at 50 Hz, and frames came late on a loaded 2-core machine).
     */
    private static final int CHANGE_SLOTS = Integer.getInteger("beatlight.output.changeSlots", 4);
    private static final long CHANGE_GUARD_NANOS = Long.getLong("beatlight.output.changeGuardNanos", 4_000_000);
    private static final int REALTIME_PRIORITY = 40;

    private final List<InetSocketAddress> targets;
    private final int fps;
    private final long periodNanos;
    private final boolean artSync;
    private final DatagramSocket socket;
    private final DatagramPacket datagram = new DatagramPacket(new byte[0], 0);
    private final ByteBuffer syncPacket = ByteBuffer.wrap(ArtSyncPacket.encode());
    /**
     * Packets by Beatlight universe and Port-Address ({@link #artKey}) and by universe, sACN universe and priority
     * ({@link #sacnKey}), kept for good so sequence numbers continue across layout and route changes; two universes
     * never share a packet.
     */
    private final Map<Long, ArtDmxPacket> artPackets = new HashMap<>();
    private final Map<Long, SacnDataPacket> sacnPackets = new HashMap<>();
    /** What the loop sends: resolved once per change of layout, routing or subscriptions, never per frame. */
    private UniverseLayout packetLayout;
    private Resolved[] resolvedInLayout;
    /** Every destination currently sent, one entry per receiver stream (protocol, target, Port-Address/universe). */
    private Map<ReceiverStream, LivePacket> live = Map.of();
    /**
     * Streams that stopped (their universe left the layout, a reload moved it, a subscriber went stale) and still get
     * their all-zero frames, then for sACN the stream-terminated packets: a node would otherwise hold the last look.
     */
    private final List<StreamEnding> endings = new ArrayList<>();
    /** sACN side by side with Art-Net in the same loop, or null when off. */
    private SacnConfig sacn;
    private DatagramSocket sacnSocket;
    private SacnSyncPacket sacnSync;
    private List<InetSocketAddress> sacnSyncTargets = List.of();
    /**
     * Per-universe routes and Art-Net subscriptions, published whole from any thread; the loop compares the
     * references each frame and re-resolves its packets only when one changed (no allocation while they stay).
     */
    private volatile OutputRouting routing = OutputRouting.none();
    private OutputRouting resolvedRouting = OutputRouting.none();
    private volatile ArtNetSubscriptions subscriptions = ArtNetSubscriptions.none();
    private ArtNetSubscriptions resolvedSubscriptions = ArtNetSubscriptions.none();
    /** The layout the loop last resolved, for {@link #effectiveRoutes()}. */
    private volatile UniverseLayout sentLayout;
    /** Art-Net and sACN destinations that are not default targets: they get the sync packets too. */
    private List<InetSocketAddress> extraArtSyncTargets = List.of();
    private List<InetSocketAddress> extraSacnSyncTargets = List.of();
    private UUID sacnCid = UUID.randomUUID();
    private String sacnSourceName = "Beatlight";
    private final RateLimitedLog sendErrors = new RateLimitedLog(LOG, 5, TimeUnit.SECONDS);
    private final RateLimitedLog sourceErrors = new RateLimitedLog(LOG, 5, TimeUnit.SECONDS);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private volatile FrameSource source;
    /** Master dimmer and blackout, applied in place to the bytes of every packet after the frame is copied in. */
    private volatile MasterOutput master = MasterOutput.FULL;
    /** One universe after the master, for the send-on-change comparison (output thread only). */
    private final byte[] scaledScratch = new byte[UniverseLayout.UNIVERSE_SIZE];
    private volatile boolean realtime;
    private volatile Thread thread;
    private DmxFrame lastFrame;
    /** Whether a new frame source sends its changed universes at once instead of at the next frame. */
    private volatile boolean sendOnChange;
    /** A new source was published since the last send (set by any thread, cleared by the loop). */
    private volatile boolean changed;
    /** The longest change send so far, in nanoseconds (written by the loop only). */
    private volatile long longestChangeSend;

    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong lateFrames = new AtomicLong();
    private final AtomicLong changeSends = new AtomicLong();
    private final AtomicLong changePackets = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError;
    private volatile long firstFrameNanos;
    /** Send time minus deadline of the last 60 s of frames, in microseconds (a ring; written by the loop only). */
    private final int[] lateness;
    private volatile long latenessCount;

    public ArtNetOutput(List<InetSocketAddress> targets, int fps, boolean artSync, FrameSource initial)
            throws IOException {
        this(targets, fps, artSync, initial, ArtNetSocket.ephemeral());
    }

    /**
     * An output that sends Art-Net from the given socket (see {@link ArtNetSocket#open}: port 6454 when it is
     * free). The output owns the socket and closes it on shutdown.
     */
    public ArtNetOutput(List<InetSocketAddress> targets, int fps, boolean artSync, FrameSource initial,
                        DatagramSocket socket) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no Art-Net target");
        }
        if (fps < 1 || fps > 1000) {
            throw new IllegalArgumentException("fps out of range: " + fps);
        }
        this.targets = List.copyOf(targets);
        this.fps = fps;
        this.periodNanos = 1_000_000_000L / fps;
        this.artSync = artSync;
        this.lateness = new int[fps * 60];
        this.source = initial;
        this.lastFrame = DmxFrame.blackout(UniverseLayout.single());
        this.socket = socket;
    }

    /** Also sends sACN (E1.31) in the same loop, from its own ephemeral port. Call before {@link #start()}. */
    public ArtNetOutput withSacn(SacnConfig config) throws IOException {
        if (running.get()) {
            throw new IllegalStateException("sACN must be configured before start");
        }
        this.sacn = config;
        this.sacnCid = config.cid();
        this.sacnSourceName = config.sourceName();
        if (sacnSocket == null) {
            this.sacnSocket = ArtNetSocket.ephemeral();
        }
        if (config.syncAddress() != 0) {
            sacnSync = new SacnSyncPacket(config.cid(), config.syncAddress());
            sacnSyncTargets = RoutePlan.sacnDefaults(config.syncAddress(), config);
        }
        return this;
    }

    /**
     * The CID and source name of routed sACN when command-line sACN is off (with sACN on, its config's are used).
     * Call before {@link #start()}.
     */
    public ArtNetOutput withSacnIdentity(UUID cid, String sourceName) {
        if (sacn == null) {
            this.sacnCid = cid;
            this.sacnSourceName = sourceName;
        }
        return this;
    }

    /**
     * Routes universes from the next frame on, without stopping the loop. Safe from any thread: the routing is
     * immutable and published through a volatile field. Opens the sACN socket here, off the loop, when a route
     * needs it.
     */
    public synchronized void setRouting(OutputRouting next) throws IOException {
        boolean needsSacn = next.routes().values().stream().flatMap(List::stream)
                .anyMatch(r -> r.protocol() == OutputRoute.Protocol.SACN);
        if (needsSacn && sacnSocket == null && !shutDown.get()) {
            sacnSocket = ArtNetSocket.ephemeral(); // written before the volatile routing, so the loop sees it
        }
        this.routing = next;
    }

    public OutputRouting routing() {
        return routing;
    }

    /**
     * The Art-Net devices subscribed to Port-Addresses, from the next frame on (in addition to the configured
     * destinations). Safe from any thread; an equal table changes nothing.
     */
    public void setSubscriptions(ArtNetSubscriptions next) {
        if (!next.equals(subscriptions)) {
            subscriptions = next;
        }
    }

    public ArtNetSubscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * Where each universe the loop sends goes now and why (outputs.json, the command line, a subscription); empty
     * before the first frame. Computed on the calling thread from the published routing and subscriptions.
     */
    public Map<Integer, List<RoutePlan.Destination>> effectiveRoutes() {
        UniverseLayout layout = sentLayout;
        return layout == null ? Map.of()
                : new java.util.TreeMap<>(RoutePlan.plan(layout, routing, subscriptions, targets, sacn));
    }

    /** How sACN is sent, or null when it is off. */
    public SacnConfig sacn() {
        return sacn;
    }

    /** The Art-Net socket's local port (6454 when it could be bound). */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** The socket Art-Net leaves from; the ArtPoll responder may listen on it too (same port, no second bind). */
    public DatagramSocket socket() {
        return socket;
    }

    /**
     * What the output shows from now on. Safe from any thread; takes effect at the next frame, or, with
     * {@link #withSendOnChange send on change}, at the next change slot (at most 4.2 ms at 60 FPS) for the universes
     * whose bytes changed.
     */
    public void setSource(FrameSource source) {
        this.source = source;
        if (sendOnChange) {
            changed = true; // sent at the next change slot or frame, whichever comes first
        }
    }

    /**
     * The master dimmer and blackout from now on (any thread). It scales the bytes on the wire only, with no
     * allocation in the loop; with send on change the new level goes out at once, else at the next frame.
     */
    public void setMaster(MasterOutput master) {
        this.master = master;
        if (sendOnChange) {
            changed = true; // sent at the next change slot or frame, whichever comes first
        }
    }

    /**
     * Send on change: when the shown source changes (a live edit, a seek, a new canvas), the universes whose bytes
     * differ from what each destination last got go out at the next change slot (4.2, 8.3 and 12.5 ms after each
     * frame at 60 FPS) instead of the next frame, with their next sequence numbers (and ArtSync / sACN sync when on).
     * The 60 Hz grid
     * is kept unchanged: every universe still gets every frame at its deadline. Art-Net and E1.31 receivers take
     * packets whenever they come; a DMX node re-times them onto its line anyway. Off, a change waits for the next
     * frame (0 to 16.7 ms at 60 FPS).
     */
    public ArtNetOutput withSendOnChange(boolean enabled) {
        this.sendOnChange = enabled;
        return this;
    }

    /** Asks for real-time scheduling of the output thread when it starts (best effort, Linux). */
    public ArtNetOutput withRealtimeScheduling(boolean enabled) {
        this.realtime = enabled;
        return this;
    }

    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::run, "artnet-output");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        thread = t;
        t.start();
        LOG.info("Art-Net output at {} FPS to {} from port {}{}", fps, targets, socket.getLocalPort(),
                artSync ? " with ArtSync" : "");
        if (sacn != null) {
            LOG.info("sACN output to {}{}, priority {}, CID {}{}", sacn.targets(), sacn.multicast() ? " and multicast"
                    : "", sacn.priority(), sacn.cid(), sacn.syncAddress() != 0 ? ", sync universe "
                    + sacn.syncAddress() : "");
        }
    }

    private void run() {
        if (realtime) {
            RealtimeScheduling.elevateCurrentThread(REALTIME_PRIORITY);
        }
        long start = System.nanoTime();
        long n = 0;
        while (running.get()) {
            long deadline = start + n * periodNanos;
            waitUntil(deadline);
            if (!running.get()) {
                break;
            }
            long now = System.nanoTime();
            changed = false; // the frame carries every change published so far
            try {
                sendFrame(frameAt(now));
            } catch (RuntimeException e) {
                // nothing may stop the lights: log, count, and keep the clock running
                errors.incrementAndGet();
                lastError = "frame: " + e;
                sendErrors.warn("Sending a frame failed", e);
            }
            lateness[(int) (latenessCount % lateness.length)] = (int) Math.min(Integer.MAX_VALUE, (now - deadline) / 1000);
            latenessCount++;
            n++;
            long behind = now - (start + n * periodNanos);
            if (behind >= 0) {
                // a whole period or more was lost (GC, suspended VM): skip the missed deadlines, keep the grid
                long skipped = behind / periodNanos + 1;
                lateFrames.addAndGet(skipped);
                n += skipped;
            }
        }
    }

    /**
     * Parks until close to the deadline, then spins. With send on change, stops at the change slots on the way and
     * sends the universes changed since the last send.
     */
    private void waitUntil(long deadline) {
        if (sendOnChange) {
            long frameStart = deadline - periodNanos;
            for (int k = 1; k < CHANGE_SLOTS; k++) {
                long slot = frameStart + k * periodNanos / CHANGE_SLOTS;
                if (deadline - slot < CHANGE_GUARD_NANOS || !running.get()) {
                    break;
                }
                long left;
                if (slot - System.nanoTime() < 0) {
                    continue; // the loop is late: this slot is gone
                }
                while ((left = slot - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(left);
                }
                if (changed) {
                    changed = false;
                    long now = System.nanoTime();
                    sendChangesSafely(now);
                    long took = System.nanoTime() - now;
                    if (took > longestChangeSend) {
                        longestChangeSend = took;
                    }
                }
            }
        }
        long left;
        while ((left = deadline - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(left - SPIN_NANOS);
        }
        while (deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }

    private void sendChangesSafely(long now) {
        try {
            sendChanges(frameAt(now));
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            lastError = "change: " + e;
            sendErrors.warn("Sending a change failed", e);
        }
    }

    /**
     * Sends the universes of {@code frame} whose bytes differ from what their destinations last got. A new layout,
     * routing or subscription table waits for the next frame, which resolves it.
     */
    private void sendChanges(DmxFrame frame) {
        UniverseLayout layout = frame.layout();
        if (layout != packetLayout || routing != resolvedRouting || subscriptions != resolvedSubscriptions) {
            return;
        }
        MasterOutput scale = master;
        int sent = 0;
        for (int i = 0; i < layout.count(); i++) {
            for (Stream stream : resolvedInLayout[i].artNet()) {
                ArtDmxPacket packet = stream.artNet();
                if (copyIfChanged(frame, i, layout.universeAt(i), scale, packet.bytes(), packet.dataOffset())) {
                    packet.nextSequence();
                    sendToAll(stream.targets(), socket, packet.buffer());
                    sent++;
                }
            }
            for (Stream stream : resolvedInLayout[i].sacn()) {
                SacnDataPacket packet = stream.sacn();
                if (copyIfChanged(frame, i, layout.universeAt(i), scale, packet.bytes(), packet.dataOffset())) {
                    packet.nextSequence();
                    sendToAll(stream.targets(), sacnSocket, packet.buffer());
                    sent++;
                }
            }
        }
        if (sent == 0) {
            return;
        }
        sendSyncs();
        changeSends.incrementAndGet();
        changePackets.addAndGet(sent);
    }

    /**
     * Copies universe {@code i} of the frame, after the master, into a packet when that differs from what the packet
     * holds (what its destinations last got); false when it is the same.
     */
    private boolean copyIfChanged(DmxFrame frame, int i, int universe, MasterOutput scale, byte[] packet, int offset) {
        if (scale.isFull()) {
            if (frame.universeEquals(i, packet, offset)) {
                return false;
            }
            frame.copyUniverse(i, packet, offset);
            return true;
        }
        frame.copyUniverse(i, scaledScratch, 0);
        scale.apply(universe, scaledScratch, 0);
        int size = UniverseLayout.UNIVERSE_SIZE;
        if (Arrays.equals(scaledScratch, 0, size, packet, offset, offset + size)) {
            return false;
        }
        System.arraycopy(scaledScratch, 0, packet, offset, size);
        return true;
    }

    private DmxFrame frameAt(long now) {
        try {
            DmxFrame frame = source.frameAt(now);
            if (frame != null) {
                lastFrame = frame;
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            lastError = "frame source: " + e;
            sourceErrors.warn("Frame source failed; resending the last good frame", e);
        }
        return lastFrame;
    }

    private void sendFrame(DmxFrame frame) {
        UniverseLayout layout = frame.layout();
        OutputRouting currentRouting = routing;
        ArtNetSubscriptions currentSubscriptions = subscriptions;
        if (layout != packetLayout || currentRouting != resolvedRouting
                || currentSubscriptions != resolvedSubscriptions) {
            // resolved once per change, not per frame: the loop allocates nothing while nothing changes
            resolve(layout, currentRouting, currentSubscriptions);
        }
        MasterOutput scale = master;
        for (int i = 0; i < layout.count(); i++) {
            for (Stream stream : resolvedInLayout[i].artNet()) {
                ArtDmxPacket packet = stream.artNet();
                frame.copyUniverse(i, packet.bytes(), packet.dataOffset());
                scale.apply(layout.universeAt(i), packet.bytes(), packet.dataOffset());
                packet.nextSequence();
                sendToAll(stream.targets(), socket, packet.buffer());
            }
        }
        for (int i = 0; i < layout.count(); i++) {
            for (Stream stream : resolvedInLayout[i].sacn()) {
                SacnDataPacket packet = stream.sacn();
                frame.copyUniverse(i, packet.bytes(), packet.dataOffset());
                scale.apply(layout.universeAt(i), packet.bytes(), packet.dataOffset());
                packet.nextSequence();
                sendToAll(stream.targets(), sacnSocket, packet.buffer());
            }
        }
        if (!endings.isEmpty()) {
            sendEndings();
        }
        sendSyncs();
        if (framesSent.getAndIncrement() == 0) {
            firstFrameNanos = System.nanoTime();
        }
    }

    private void sendSyncs() {
        if (artSync) {
            sendToAll(targets, socket, syncPacket);
            sendToAll(extraArtSyncTargets, socket, syncPacket);
        }
        if (sacnSync != null) {
            sacnSync.nextSequence();
            sendToAll(sacnSyncTargets, sacnSocket, sacnSync.buffer());
            sendToAll(extraSacnSyncTargets, sacnSocket, sacnSync.buffer());
        }
    }

    /**
     * Groups each universe's destinations into packets (one ArtDmx per Port-Address, one sACN packet per sACN
     * universe and priority), and starts the ending of every stream that is no longer sent.
     */
    private void resolve(UniverseLayout layout, OutputRouting nextRouting, ArtNetSubscriptions nextSubscriptions) {
        Resolved[] resolved = new Resolved[layout.count()];
        Map<ReceiverStream, LivePacket> next = new HashMap<>();
        Map<Integer, List<RoutePlan.Destination>> plan = RoutePlan.plan(layout, nextRouting, nextSubscriptions,
                targets, sacn);
        for (int i = 0; i < layout.count(); i++) {
            int universe = layout.universeAt(i);
            Map<Long, List<InetSocketAddress>> art = new java.util.LinkedHashMap<>();
            Map<Long, List<InetSocketAddress>> sacnGroups = new java.util.LinkedHashMap<>();
            for (RoutePlan.Destination d : plan.get(universe)) {
                OutputRoute r = d.route();
                if (r.protocol() == OutputRoute.Protocol.ARTNET) {
                    art.computeIfAbsent(artKey(universe, r.portAddress()), k -> new ArrayList<>()).add(r.target());
                } else {
                    sacnGroups.computeIfAbsent(sacnKey(universe, r.sacnUniverse(), r.priority()),
                            k -> new ArrayList<>()).add(r.target());
                }
            }
            List<Stream> artStreams = new ArrayList<>();
            art.forEach((key, list) -> {
                ArtDmxPacket packet = artPackets.computeIfAbsent(key, k -> new ArtDmxPacket((int) (k & 0xFFFF)));
                artStreams.add(new Stream(packet, null, List.copyOf(list)));
                LivePacket from = new LivePacket(packet, null);
                list.forEach(t -> claim(next, new ReceiverStream(false, t, packet.portAddress()), from, universe));
            });
            List<Stream> sacnStreams = new ArrayList<>();
            sacnGroups.forEach((key, list) -> {
                SacnDataPacket packet = sacnPackets.computeIfAbsent(key, k -> new SacnDataPacket(
                        (int) (k >>> 8 & 0xFFFF), sacnCid, sacnSourceName, (int) (k & 0xFF),
                        sacn == null ? 0 : sacn.syncAddress()));
                sacnStreams.add(new Stream(null, packet, List.copyOf(list)));
                LivePacket from = new LivePacket(null, packet);
                list.forEach(t -> claim(next, new ReceiverStream(true, t, packet.universe()), from, universe));
            });
            resolved[i] = new Resolved(artStreams.toArray(Stream[]::new), sacnStreams.toArray(Stream[]::new));
        }
        // a stream that comes back while it is being ended simply carries on (its sequence continuing)
        for (int e = endings.size() - 1; e >= 0; e--) {
            StreamEnding ending = endings.get(e);
            LivePacket back = next.get(ending.key());
            if (back != null) {
                if (back.samePacket(ending.source())) {
                    back.continueSequenceOf(ending); // the packet's other receivers never see it go backwards
                }
                endings.remove(e);
            }
        }
        for (Map.Entry<ReceiverStream, LivePacket> entry : live.entrySet()) {
            LivePacket now = next.get(entry.getKey());
            if (now == null) {
                endings.add(new StreamEnding(entry.getKey(), entry.getValue()));
            } else {
                now.carryOnFrom(entry.getValue());
            }
        }
        live = next;
        resolveSyncTargets(next);
        resolvedInLayout = resolved;
        packetLayout = layout;
        resolvedRouting = nextRouting;
        resolvedSubscriptions = nextSubscriptions;
        sentLayout = layout;
    }

    /** Records a stream; two universes sending the same stream (a fixture patched later made them meet) are logged. */
    private void claim(Map<ReceiverStream, LivePacket> next, ReceiverStream key, LivePacket stream, int universe) {
        LivePacket other = next.putIfAbsent(key, stream);
        if (other != null && !other.samePacket(stream)) {
            LOG.warn("Universe {} and another universe both send {} {} to {}: the receiver mixes them. Route one of"
                    + " them elsewhere in {}", universe, key.sacn() ? "sACN universe" : "Art-Net Port-Address",
                    key.address(), key.target(), OutputsFile.NAME);
        }
    }

    private static long artKey(int universe, int portAddress) {
        return (long) universe << 16 | portAddress;
    }

    private static long sacnKey(int universe, int sacnUniverse, int priority) {
        return (long) universe << 32 | (long) sacnUniverse << 8 | priority;
    }

    private void resolveSyncTargets(Map<ReceiverStream, LivePacket> streams) {
        java.util.Set<InetSocketAddress> art = new java.util.LinkedHashSet<>();
        java.util.Set<InetSocketAddress> sacnTargets = new java.util.LinkedHashSet<>();
        streams.keySet().forEach(k -> (k.sacn() ? sacnTargets : art).add(k.target()));
        art.removeAll(targets);
        sacnTargets.removeAll(sacnSyncTargets);
        extraArtSyncTargets = List.copyOf(art);
        extraSacnSyncTargets = List.copyOf(sacnTargets);
    }

    /** One blackout frame to every ending stream; after the last, sACN streams are terminated and the ending drops. */
    private void sendEndings() {
        for (int e = 0; e < endings.size(); ) {
            StreamEnding ending = endings.get(e);
            boolean last = ending.blackoutSent();
            if (ending.artNet() != null) {
                ending.artNet().nextSequence();
                sendToAll(ending.targets(), socket, ending.artNet().buffer());
            } else {
                ending.sacn().nextSequence();
                sendToAll(ending.targets(), sacnSocket, ending.sacn().buffer());
                if (last) {
                    terminate(ending.sacn(), ending.targets()); // E1.31: a source that stops sending says so
                }
            }
            if (last) {
                ending.source().continueSequenceOf(ending); // so a later return of the stream continues forward
                endings.remove(e);
            } else {
                e++;
            }
        }
    }

    /** One packet of a universe and where it goes; exactly one of artNet and sacn is set. */
    private record Stream(ArtDmxPacket artNet, SacnDataPacket sacn, List<InetSocketAddress> targets) {
    }

    private record Resolved(Stream[] artNet, Stream[] sacn) {
    }

    /**
     * Sends a whole packet to each destination. Through the socket's channel when it has one (no allocation),
     * else as a DatagramPacket.
     */
    private void sendToAll(List<InetSocketAddress> destinations, DatagramSocket from, ByteBuffer packet) {
        DatagramChannel channel = from.getChannel();
        for (int t = 0; t < destinations.size(); t++) {
            InetSocketAddress target = destinations.get(t);
            try {
                if (channel != null) {
                    packet.clear();
                    channel.send(packet, target);
                } else {
                    datagram.setData(packet.array(), 0, packet.capacity());
                    datagram.setSocketAddress(target);
                    from.send(datagram);
                }
                packetsSent.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
                lastError = target + ": " + e;
                sendErrors.warn((from == socket ? "Art-Net" : "sACN") + " send to " + target + " failed", e);
            }
        }
    }

    /**
     * Stops the loop, then sends an all-zero frame for every universe of the last frame's layout, a few times a
     * frame apart (sequence numbers continue); sACN universes then get three packets with the stream-terminated
     * option, as E1.31 asks. Closes the sockets. Idempotent; safe from a shutdown hook.
     */
    public void shutdownWithBlackout() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        running.set(false);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        DmxFrame blackout = DmxFrame.blackout(lastFrame.layout());
        for (int i = 0; i < BLACKOUT_REPEATS; i++) {
            sendFrame(blackout);
            if (i + 1 < BLACKOUT_REPEATS) {
                LockSupport.parkNanos(periodNanos);
            }
        }
        if (resolvedInLayout != null) {
            for (Resolved resolved : resolvedInLayout) {
                for (Stream stream : resolved.sacn()) {
                    terminate(stream.sacn(), stream.targets());
                }
            }
        }
        synchronized (this) {
            if (sacnSocket != null) {
                sacnSocket.close();
            }
        }
        socket.close();
        LOG.info("Art-Net output stopped after a blackout");
    }

    /** Three packets with the stream-terminated option; the option is cleared again for a later restart. */
    private void terminate(SacnDataPacket packet, List<InetSocketAddress> destinations) {
        packet.setTerminated(true);
        for (int i = 0; i < BLACKOUT_REPEATS; i++) {
            packet.nextSequence();
            sendToAll(destinations, sacnSocket, packet.buffer());
        }
        packet.setTerminated(false);
    }

    @Override
    public void close() {
        shutdownWithBlackout();
    }

    /** Counters for /healthz and benchmarks. */
    public record Stats(int fps, List<String> targets, long framesSent, long packetsSent, long lateFrames,
                        long errors, String lastError, boolean sendOnChange, long changeSends,
                        long changePackets, double longestChangeSendMs) {
    }

    public Stats stats() {
        return new Stats(fps, targets.stream().map(t -> t.getHostString() + ":" + t.getPort()).toList(),
                framesSent.get(), packetsSent.get(), lateFrames.get(), errors.get(), lastError, sendOnChange,
                changeSends.get(), changePackets.get(), longestChangeSend / 1e6);
    }

    /** Percentiles of send time minus deadline over the most recent frames. */
    public record Lateness(int frames, double p50Ms, double p99Ms, double maxMs) {
    }

    public Lateness lateness() {
        int count = (int) Math.min(latenessCount, lateness.length);
        int[] copy = Arrays.copyOf(lateness, count);
        Arrays.sort(copy);
        if (count == 0) {
            return new Lateness(0, 0, 0, 0);
        }
        return new Lateness(count, copy[count / 2] / 1000.0, copy[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)]
                / 1000.0, copy[count - 1] / 1000.0);
    }

    /** When the first frame left, or 0 before that. */
    public long firstFrameNanos() {
        return firstFrameNanos;
    }

    public int fps() {
        return fps;
    }
}
