package io.beatlight.output;

import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
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
 * The Art-Net output loop: a dedicated thread that sends, every frame, one ArtDmx per used universe to every
 * target (unicast), optionally followed by ArtSync. Frames leave on a deadline grid ({@code start + n·period});
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
    private static final int BLACKOUT_REPEATS = 3;
    private static final int REALTIME_PRIORITY = 40;

    private final List<InetSocketAddress> targets;
    private final int fps;
    private final long periodNanos;
    private final boolean artSync;
    private final DatagramSocket socket;
    private final DatagramPacket datagram = new DatagramPacket(new byte[0], 0);
    private final ByteBuffer syncPacket = ByteBuffer.wrap(ArtSyncPacket.encode());
    /** Every Port-Address ever sent keeps its packet, so sequence numbers continue across layout changes. */
    private final Map<Integer, ArtDmxPacket> packets = new HashMap<>();
    private UniverseLayout packetLayout;
    private ArtDmxPacket[] packetsInLayout;
    /**
     * Universes that left the layout (their last fixture was unpatched) and how many all-zero frames each still
     * gets: a node would otherwise hold the last look of a universe nobody sends any more.
     */
    private final Map<Integer, Integer> retiring = new HashMap<>();
    /** sACN side by side with Art-Net in the same loop, or null when off. */
    private SacnConfig sacn;
    private DatagramSocket sacnSocket;
    private final Map<Integer, SacnDataPacket> sacnPackets = new HashMap<>();
    private SacnDataPacket[] sacnInLayout;
    private SacnSyncPacket sacnSync;
    private List<InetSocketAddress> sacnSyncTargets;
    /** Per sACN universe, where its packets go: the unicast targets, plus the universe's group when multicast is on. */
    private final Map<Integer, List<InetSocketAddress>> sacnDestinations = new HashMap<>();
    private List<List<InetSocketAddress>> sacnDestinationsInLayout;
    /**
     * Per-universe routes, published whole by {@link #setRouting} from any thread; the loop compares the reference
     * each frame and re-resolves its packets only when it changed (no allocation while it stays).
     */
    private volatile OutputRouting routing = OutputRouting.none();
    private OutputRouting resolvedRouting = OutputRouting.none();
    /** Resolved routes per Beatlight universe for {@link #resolvedRouting}; cleared when the routing changes. */
    private final Map<Integer, Routed> routed = new HashMap<>();
    private Routed[] routedInLayout;
    /** Routed Art-Net and sACN destinations that are not default targets: they get the sync packets too. */
    private List<InetSocketAddress> routedArtSyncTargets = List.of();
    private List<InetSocketAddress> routedSacnSyncTargets = List.of();
    /** Routed sACN packets by sACN universe and priority, so their sequence numbers continue across reloads. */
    private final Map<Integer, SacnDataPacket> routedSacnPackets = new HashMap<>();
    private UUID sacnCid = UUID.randomUUID();
    private String sacnSourceName = "Beatlight";
    private final RateLimitedLog sendErrors = new RateLimitedLog(LOG, 5, TimeUnit.SECONDS);
    private final RateLimitedLog sourceErrors = new RateLimitedLog(LOG, 5, TimeUnit.SECONDS);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private volatile FrameSource source;
    private volatile boolean realtime;
    private volatile Thread thread;
    private DmxFrame lastFrame;

    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong lateFrames = new AtomicLong();
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
            sacnSyncTargets = destinations(config.syncAddress());
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

    /** What the output shows from now on. Safe from any thread; takes effect at the next frame. */
    public void setSource(FrameSource source) {
        this.source = source;
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

    private static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(left - SPIN_NANOS);
        }
        while (deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
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
        boolean reroute = currentRouting != resolvedRouting;
        if (reroute) {
            routed.clear();
            resolvedRouting = currentRouting;
            resolveSyncTargets(currentRouting);
        }
        if (layout != packetLayout || reroute) {
            // resolved once per layout, not per frame: the loop allocates nothing while the layout stays
            retireUniversesLeaving(layout);
            packetsInLayout = new ArtDmxPacket[layout.count()];
            for (int i = 0; i < layout.count(); i++) {
                packetsInLayout[i] = packets.computeIfAbsent(layout.universeAt(i), ArtDmxPacket::new);
            }
            if (sacn != null) {
                resolveSacnLayout(layout);
            }
            routedInLayout = new Routed[layout.count()];
            for (int i = 0; i < layout.count(); i++) {
                routedInLayout[i] = routedOf(layout.universeAt(i));
            }
            packetLayout = layout;
        }
        for (int i = 0; i < layout.count(); i++) {
            Routed routes = routedInLayout[i];
            if (routes != null) {
                sendRouted(routes, frame, i);
                continue;
            }
            ArtDmxPacket packet = packetsInLayout[i];
            frame.copyUniverse(i, packet.bytes(), packet.dataOffset());
            packet.nextSequence();
            sendToAll(targets, socket, packet.buffer());
        }
        if (sacn != null) {
            for (int i = 0; i < layout.count(); i++) {
                if (routedInLayout[i] != null) {
                    continue;
                }
                SacnDataPacket packet = sacnInLayout[i];
                frame.copyUniverse(i, packet.bytes(), packet.dataOffset());
                packet.nextSequence();
                sendToAll(sacnDestinationsInLayout.get(i), sacnSocket, packet.buffer());
            }
        }
        if (!retiring.isEmpty()) {
            sendRetiringBlackouts();
        }
        if (artSync) {
            sendToAll(targets, socket, syncPacket);
            sendToAll(routedArtSyncTargets, socket, syncPacket);
        }
        if (sacnSync != null) {
            sacnSync.nextSequence();
            sendToAll(sacnSyncTargets, sacnSocket, sacnSync.buffer());
            sendToAll(routedSacnSyncTargets, sacnSocket, sacnSync.buffer());
        }
        if (framesSent.getAndIncrement() == 0) {
            firstFrameNanos = System.nanoTime();
        }
    }

    private void resolveSyncTargets(OutputRouting next) {
        java.util.Set<InetSocketAddress> art = new java.util.LinkedHashSet<>();
        java.util.Set<InetSocketAddress> sacnTargets = new java.util.LinkedHashSet<>();
        for (List<OutputRoute> routes : next.routes().values()) {
            for (OutputRoute route : routes) {
                (route.protocol() == OutputRoute.Protocol.ARTNET ? art : sacnTargets).add(route.target());
            }
        }
        art.removeAll(targets);
        if (sacnSyncTargets != null) {
            sacnTargets.removeAll(sacnSyncTargets);
        }
        routedArtSyncTargets = List.copyOf(art);
        routedSacnSyncTargets = List.copyOf(sacnTargets);
    }

    /** The resolved routes of a universe under {@link #resolvedRouting}, or null when it goes to the defaults. */
    private Routed routedOf(int universe) {
        List<OutputRoute> routes = resolvedRouting.routesOf(universe);
        if (routes == null) {
            return null;
        }
        return routed.computeIfAbsent(universe, u -> resolve(routes));
    }

    /** Groups the routes by packet: one ArtDmx per Port-Address, one sACN packet per universe and priority. */
    private Routed resolve(List<OutputRoute> routes) {
        Map<Integer, List<InetSocketAddress>> art = new java.util.LinkedHashMap<>();
        Map<Integer, List<InetSocketAddress>> sacnRoutes = new java.util.LinkedHashMap<>();
        for (OutputRoute route : routes) {
            if (route.protocol() == OutputRoute.Protocol.ARTNET) {
                art.computeIfAbsent(route.portAddress(), k -> new ArrayList<>()).add(route.target());
            } else {
                sacnRoutes.computeIfAbsent(route.sacnUniverse() << 8 | route.priority(), k -> new ArrayList<>())
                        .add(route.target());
            }
        }
        RoutedPacket[] artPackets = new RoutedPacket[art.size()];
        int a = 0;
        for (var entry : art.entrySet()) {
            artPackets[a++] = new RoutedPacket(packets.computeIfAbsent(entry.getKey(), ArtDmxPacket::new), null,
                    List.copyOf(entry.getValue()));
        }
        RoutedPacket[] sacnPacketsOut = new RoutedPacket[sacnRoutes.size()];
        int s = 0;
        for (var entry : sacnRoutes.entrySet()) {
            int key = entry.getKey();
            SacnDataPacket packet = routedSacnPackets.computeIfAbsent(key, k -> new SacnDataPacket(k >>> 8, sacnCid,
                    sacnSourceName, k & 0xFF, sacn == null ? 0 : sacn.syncAddress()));
            sacnPacketsOut[s++] = new RoutedPacket(null, packet, List.copyOf(entry.getValue()));
        }
        return new Routed(artPackets, sacnPacketsOut);
    }

    private void sendRouted(Routed routes, DmxFrame frame, int index) {
        for (RoutedPacket route : routes.artNet()) {
            ArtDmxPacket packet = route.artNet();
            frame.copyUniverse(index, packet.bytes(), packet.dataOffset());
            packet.nextSequence();
            sendToAll(route.targets(), socket, packet.buffer());
        }
        for (RoutedPacket route : routes.sacn()) {
            SacnDataPacket packet = route.sacn();
            frame.copyUniverse(index, packet.bytes(), packet.dataOffset());
            packet.nextSequence();
            sendToAll(route.targets(), sacnSocket, packet.buffer());
        }
    }

    /** All-zero slots to a routed universe that left the layout. */
    private void sendRoutedBlackout(Routed routes, boolean last) {
        for (RoutedPacket route : routes.artNet()) {
            ArtDmxPacket packet = route.artNet();
            Arrays.fill(packet.bytes(), packet.dataOffset(), packet.dataOffset() + ArtDmxPacket.SLOTS, (byte) 0);
            packet.nextSequence();
            sendToAll(route.targets(), socket, packet.buffer());
        }
        for (RoutedPacket route : routes.sacn()) {
            SacnDataPacket packet = route.sacn();
            Arrays.fill(packet.bytes(), packet.dataOffset(), packet.length(), (byte) 0);
            packet.nextSequence();
            sendToAll(route.targets(), sacnSocket, packet.buffer());
            if (last) {
                terminate(packet, route.targets());
            }
        }
    }

    /** One packet of a routed universe and where it goes; exactly one of artNet and sacn is set. */
    private record RoutedPacket(ArtDmxPacket artNet, SacnDataPacket sacn, List<InetSocketAddress> targets) {
    }

    private record Routed(RoutedPacket[] artNet, RoutedPacket[] sacn) {
    }

    private void resolveSacnLayout(UniverseLayout layout) {
        sacnInLayout = new SacnDataPacket[layout.count()];
        List<List<InetSocketAddress>> destinations = new ArrayList<>(layout.count());
        for (int i = 0; i < layout.count(); i++) {
            int universe = layout.universeAt(i);
            sacnInLayout[i] = sacnPacket(universe);
            destinations.add(sacnDestinations.get(sacn.sacnUniverse(universe)));
        }
        sacnDestinationsInLayout = destinations;
    }

    private SacnDataPacket sacnPacket(int beatlightUniverse) {
        int universe = sacn.sacnUniverse(beatlightUniverse);
        sacnDestinations.computeIfAbsent(universe, this::destinations);
        return sacnPackets.computeIfAbsent(universe, u -> new SacnDataPacket(u, sacn.cid(), sacn.sourceName(),
                sacn.priority(), sacn.syncAddress()));
    }

    private List<InetSocketAddress> destinations(int sacnUniverse) {
        if (!sacn.multicast()) {
            return sacn.targets();
        }
        List<InetSocketAddress> all = new ArrayList<>(sacn.targets());
        all.add(new InetSocketAddress(Sacn.multicastGroup(sacnUniverse), Sacn.PORT));
        return List.copyOf(all);
    }

    private void retireUniversesLeaving(UniverseLayout next) {
        if (packetLayout == null) {
            return;
        }
        for (int i = 0; i < packetLayout.count(); i++) {
            int universe = packetLayout.universeAt(i);
            if (next.indexOf(universe) < 0) {
                retiring.put(universe, BLACKOUT_REPEATS);
            }
        }
        for (int i = 0; i < next.count(); i++) {
            retiring.remove(next.universeAt(i));
        }
    }

    private void sendRetiringBlackouts() {
        var it = retiring.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            Routed routes = routedOf(entry.getKey());
            if (routes != null) {
                sendRoutedBlackout(routes, entry.getValue() <= 1);
                if (entry.getValue() <= 1) {
                    it.remove();
                } else {
                    entry.setValue(entry.getValue() - 1);
                }
                continue;
            }
            ArtDmxPacket packet = packets.get(entry.getKey());
            Arrays.fill(packet.bytes(), packet.dataOffset(), packet.dataOffset() + ArtDmxPacket.SLOTS, (byte) 0);
            packet.nextSequence();
            sendToAll(targets, socket, packet.buffer());
            if (sacn != null) {
                SacnDataPacket sacnPacket = sacnPacket(entry.getKey());
                Arrays.fill(sacnPacket.bytes(), sacnPacket.dataOffset(), sacnPacket.length(), (byte) 0);
                sacnPacket.nextSequence();
                sendToAll(sacnDestinations.get(sacnPacket.universe()), sacnSocket, sacnPacket.buffer());
                if (entry.getValue() <= 1) {
                    terminate(sacnPacket); // E1.31: a source that stops sending a universe says so
                }
            }
            if (entry.getValue() <= 1) {
                it.remove();
            } else {
                entry.setValue(entry.getValue() - 1);
            }
        }
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
        if (sacn != null && sacnInLayout != null) {
            terminateSacnStreams();
        }
        if (routedInLayout != null) {
            for (Routed routes : routedInLayout) {
                if (routes != null) {
                    for (RoutedPacket route : routes.sacn()) {
                        terminate(route.sacn(), route.targets());
                    }
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

    /** Three stream-terminated packets for every universe still sent (retired ones were terminated already). */
    private void terminateSacnStreams() {
        for (int i = 0; i < sacnInLayout.length; i++) {
            if (routedInLayout == null || routedInLayout[i] == null) {
                terminate(sacnInLayout[i]);
            }
        }
    }

    /** Three packets with the stream-terminated option; the option is cleared again for a later restart. */
    private void terminate(SacnDataPacket packet) {
        terminate(packet, sacnDestinations.get(packet.universe()));
    }

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
                        long errors, String lastError) {
    }

    public Stats stats() {
        return new Stats(fps, targets.stream().map(t -> t.getHostString() + ":" + t.getPort()).toList(),
                framesSent.get(), packetsSent.get(), lateFrames.get(), errors.get(), lastError);
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
