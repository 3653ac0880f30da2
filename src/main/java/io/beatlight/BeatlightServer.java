package io.beatlight;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.AccessControl;
import io.beatlight.api.ws.Broadcaster;
import io.beatlight.api.intents.ChaserIntents;
import io.beatlight.api.ws.ClientHub;
import io.beatlight.api.intents.CueIntents;
import io.beatlight.api.intents.FixtureIntents;
import io.beatlight.api.intents.FseqIntents;
import io.beatlight.api.intents.HintIntents;
import io.beatlight.api.intents.IntentRegistry;
import io.beatlight.api.intents.LibraryIntents;
import io.beatlight.api.intents.RigIntents;
import io.beatlight.api.ws.LiveFeed;
import io.beatlight.api.ws.LiveIntents;
import io.beatlight.api.intents.LlmIntents;
import io.beatlight.api.mcp.McpEndpoint;
import io.beatlight.api.osc.OscServer;
import io.beatlight.api.midi.MidiControl;
import io.beatlight.api.midi.MidiDeviceLookup;
import io.beatlight.api.midi.MidiIntents;
import io.beatlight.api.intents.MasterIntents;
import io.beatlight.assistant.AssistantLog;
import io.beatlight.assistant.AssistantProvider;
import io.beatlight.assistant.OfflineProvider;
import io.beatlight.assistant.OpenAiProvider;
import io.beatlight.api.intents.PoiIntents;
import io.beatlight.api.ws.ProtocolHandler;
import io.beatlight.api.intents.SongIntents;
import io.beatlight.protocol.StateDocument;
import io.beatlight.api.intents.TransportIntents;
import io.beatlight.api.intents.ClockIntents;
import io.beatlight.api.http.Routes;
import io.beatlight.api.http.WebServer;
import io.beatlight.api.ws.WsEndpoint;
import io.beatlight.demo.DemoShow;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.engine.ShowEngine;
import io.beatlight.output.ArtNetOutput;
import io.beatlight.output.ArtNetDiscovery;
import io.beatlight.output.ArtNetSocket;
import io.beatlight.output.ArtPollResponder;
import io.beatlight.output.ArtNetTimecodeOut;
import io.beatlight.output.ArtNetTimecodeSource;
import io.beatlight.timecode.TimecodeSources;
import io.beatlight.output.ArtNetSubscriptions;
import io.beatlight.output.NodeTable;
import io.beatlight.output.SacnCid;
import io.beatlight.output.SacnConfig;
import io.beatlight.output.OutputRoute;
import io.beatlight.output.OutputRouting;
import io.beatlight.output.OutputsFile;
import io.beatlight.output.RouteConflicts;
import io.beatlight.output.RoutePlan;
import io.beatlight.api.intents.IntentContext;
import io.beatlight.api.intents.IntentOutcome;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.ErrorCode;
import java.io.IOException;
import io.beatlight.engine.ShowFolders;
import io.beatlight.playback.FrameSource;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.library.FixtureLibrary;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: show engine, Art-Net output, and the HTTP/WebSocket server, started in the order of
 * its dependencies (POIs and rig, arm defaults, output, default song, then clients) and stopped with a blackout.
 */
public final class BeatlightServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BeatlightServer.class);

    private final Config config;
    private final ShowFolders folders;
    private final ShowEngine engine;
    private final WebServer web;
    private final ClientHub hub = new ClientHub();
    private final AtomicReference<FrameSource> published = new AtomicReference<>();
    private final ArtNetOutput output;
    private final ArtPollResponder pollResponder;
    private final ArtNetTimecodeOut timecodeOut;
    private final NodeTable nodes;
    private final ArtNetDiscovery discovery;
    private final LiveFeed liveFeed = new LiveFeed(published::get);
    /** The human hints of the loaded song: edited by song.hints.*, read into the latest client profile's state. */
    private final HintIntents hints = new HintIntents();
    private final LlmIntents assistant;
    private final McpEndpoint mcp;
    /** OSC control, or null when --osc-port is off. */
    private final OscServer osc;
    private final MidiControl midi;
    /** Where MIDI inputs come from, for MIDI control and MIDI Time Code alike. */
    private final MidiDeviceLookup midiInputs;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object subscriptionsLock = new Object();
    private final long startedNanos = System.nanoTime();

    private BeatlightServer(Config config, FileSync sync) throws Exception {
        this(config, sync, MidiDeviceLookup.system());
    }

    private BeatlightServer(Config config, FileSync sync, MidiDeviceLookup midiInputs) throws Exception {
        this.midiInputs = midiInputs;
        this.config = config;
        this.folders = ShowFolders.of(config.showDir());
        for (java.nio.file.Path stale : AtomicFiles.removeStaleTemporaryFiles(folders.root())) {
            LOG.info("Removed {}, left by a save that was cut short", stale);
        }
        this.output = new ArtNetOutput(config.artnetTargets(), config.fps(), config.artSync(),
                FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())),
                ArtNetSocket.open(config.artnetListenHost(), config.artnetSourcePort()))
                .withRealtimeScheduling(config.realtimeOutput())
                .withSendOnChange(config.sendOnChange());
        this.engine = new ShowEngine(folders, source -> {
            published.set(source);
            output.setSource(source);
        }, sync);
        DemoShow.bootstrapIfEmpty(folders.root());
        if (config.sacnEnabled()) {
            // after the bootstrap: the CID file must not make a new show folder look non-empty
            output.withSacn(new SacnConfig(config.sacnTargets(), config.sacnMulticast(),
                    SacnCid.forShow(folders.root()), config.sacnSourceName(), config.sacnPriority(),
                    config.sacnSyncUniverse(), 1));
        }
        LOG.info("Show folder {}", folders.root());
        loadShow();
        this.nodes = new NodeTable(config.nodeStaleAfterMillis());
        StateDocument document = new StateDocument(f -> StateDocument.supportedEffects(engine.effects(), f,
                engine.session().renderVersion()), nodes::nodes);
        Broadcaster broadcaster = new Broadcaster(engine, hub, document, hints);
        nodes.onChange(() -> {
            engine.execute(broadcaster::requestBroadcast);
            if (config.artnetSubscriptions()) {
                // replies and polls run on two threads: reading the table inside the lock, the last writer has the
                // newest table; an unchanged table changes nothing
                synchronized (subscriptionsLock) {
                    output.setSubscriptions(ArtNetSubscriptions.of(nodes.nodes()));
                }
            }
        });
        this.discovery = new ArtNetDiscovery(config.artpollTargets(), nodes, config.artpollIntervalMillis());
        engine.setListener(broadcaster);
        AssistantLog assistantLog = new AssistantLog(folders.logs().resolve("assistant.jsonl"));
        this.assistant = new LlmIntents(engine, broadcaster, assistantProvider(), assistantLog);
        IntentRegistry registry = intents();
        // MIDI control and the master dimmer/blackout (docs/midi.md): intents, state, output scale, the input
        this.midi = new MidiControl(engine, registry, broadcaster, midiInputs, config.midiInput().orElse(null),
                folders.root());
        MidiIntents.register(registry, midi);
        MasterIntents.register(registry);
        document.withSection("master", e -> MasterIntents.state(e.master())).withSection("midi", e -> midi.state());
        engine.submit(() -> {
            engine.master().publishTo(output::setMaster);
            midi.load();
            midi.connect();
            return null;
        }).get(30, TimeUnit.SECONDS);
        ProtocolHandler protocol = new ProtocolHandler(engine, hub, broadcaster, registry)
                .clientProfiles(config.clientProfile());
        protocol.onClose(assistant::connectionClosed);
        AccessControl access = new AccessControl(config.token(), config.allowedOrigins(),
                AccessControl.HostRule.of(config.host(), config.allowedHosts()));
        this.mcp = new McpEndpoint(engine, broadcaster, assistantLog, "0.1.0");
        Routes routes = new Routes(access, new WsEndpoint(protocol, config.maxClients(), config.maxIntentsPerSecond()), mcp, folders, config.corsOrigin(), this::health);
        this.osc = config.oscPort().isPresent()
                ? OscServer.start(engine, broadcaster, registry, config.oscHost(), config.oscPort().getAsInt()) : null;
        this.web = new WebServer(routes);
        web.start(config.host(), config.port());
        this.pollResponder = new ArtPollResponder(() -> engine.rig().layout(), 1000);
        startPollResponder();
        this.timecodeOut = startClock();
        if (!config.artpollTargets().isEmpty()) {
            discovery.start(config.artpollBindHost(), config.artpollSourcePort());
        }
    }

    /**
     * The timecode sources (one line per kind), the clock chosen at start (a source that cannot be opened stops the
     * start with its reason), and Art-Net timecode out when asked for.
     */
    private ArtNetTimecodeOut startClock() throws Exception {
        TimecodeSources sources = new TimecodeSources()
                .register("artnet", options -> new ArtNetTimecodeSource(pollResponder))
                .register("mtc", options -> new io.beatlight.timecode.MtcSource(options.midiDevice(),
                        midiInputs::inputs))
                .register("ltc", options -> new io.beatlight.timecode.LtcSource(options.audioLine()));
        try {
            engine.submit(() -> {
                engine.clock().configure(sources, config.timecodeSourceOptions(), config.chaseSettings());
                engine.clock().setSource(config.clock(), config.timecodeSourceOptions(), config.chaseSettings());
                return null;
            }).get(10, TimeUnit.SECONDS);
            if (!config.timecodeOut()) {
                return null;
            }
            List<java.net.InetSocketAddress> targets = config.artnetTargets();
            return new ArtNetTimecodeOut(() -> ArtNetTimecodeOut.artNetDestinations(output, targets),
                    config.timecodeOutRate(), published::get, engine.clock()::currentOffset,
                    config.artnetListenHost()).start();
        } catch (java.util.concurrent.ExecutionException e) {
            close();
            throw new IllegalArgumentException("--clock " + config.clock() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * ArtPoll is answered on the Art-Net socket when it already holds the listen port (Art-Net 4: one port, 6454, for
     * sending and receiving); else on a socket of its own. A port another program holds is never shared.
     */
    private void startPollResponder() {
        int listen = config.artnetListenPort();
        if (listen == 0) {
            if (config.hasLocalArtNetReceiver()) {
                LOG.info("ArtPoll is not answered: an Art-Net target is a receiver on this machine at port {}, "
                        + "which keeps that port (set --artnet-listen-port to answer on another one)",
                        Config.DEFAULT_ARTNET_PORT);
            }
            return;
        }
        if (listen == output.localPort()) {
            pollResponder.start(output.socket());
        } else if (listen == config.artnetSourcePort()) {
            // the output could not bind this port: another program holds it, and ArtNetSocket has said so
            LOG.warn("ArtPoll replies are off: port {} is in use by another program", listen);
        } else {
            pollResponder.start(config.artnetListenHost(), listen);
        }
    }

    /**
     * The fixture library indexing starts first, on its own thread (searches answer library_unavailable until it is
     * done); then POIs and rig (arm defaults on output), the output loop, the songs folder watch and the default song.
     */
    private void loadShow() throws Exception {
        engine.library().indexInBackground(FixtureLibrary.defaultRoots(folders.fixtures(),
                config.fixtureLibrary().orElse(null)));
        engine.session().setCanvasDebugLog(config.canvasDebugLog());
        List<LoadProblem> problems = engine.submit(engine::loadRig).get(30, TimeUnit.SECONDS);
        problems.forEach(p -> {
            if (p.severity() == LoadProblem.Severity.ERROR) {
                LOG.error("{}", p);
            } else {
                LOG.warn("{}", p);
            }
        });
        // after the rig: routes are checked against the universes it sends unrouted
        reloadOutputs(engine.rig().layout());
        output.start();
        engine.songs().watch(2000);
        engine.submit(() -> engine.songLoader().loadDefault(config.song())).get(60, TimeUnit.SECONDS);
    }

    /**
     * Reads the show's outputs.json and publishes its routing to the running output loop. A bad file is logged with
     * its problem and changes nothing (the command-line targets stay for every universe not routed before).
     *
     * @param used the universes the rig sends (a routed Port-Address may not be one an unrouted universe uses)
     * @return the problem, or null when the routing was applied
     */
    private synchronized String reloadOutputs(UniverseLayout used) {
        OutputRouting next;
        try {
            next = OutputsFile.read(folders.root());
            RouteConflicts.checkAgainstUnrouted(next, used, config.artnetTargets(), output.sacn());
        } catch (IOException | IllegalArgumentException e) {
            String problem = e.getMessage();
            LOG.warn("Outputs not changed: {} (fix {} and send outputs.reload)", problem,
                    folders.root().resolve(OutputsFile.NAME));
            return problem;
        }
        boolean routesSacn = next.routes().values().stream().flatMap(List::stream)
                .anyMatch(r -> r.protocol() == OutputRoute.Protocol.SACN);
        try {
            if (routesSacn && output.sacn() == null) {
                output.withSacnIdentity(SacnCid.forShow(folders.root()), config.sacnSourceName());
            }
            output.setRouting(next);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Outputs not changed: {}", e.toString());
            return e.toString();
        }
        if (!next.isEmpty()) {
            LOG.info("Output routes: {}", next);
        }
        return null;
    }

    private IntentOutcome outputsReload(IntentContext ctx) throws IntentException {
        String problem = reloadOutputs(engine.rig().layout());
        if (problem != null) {
            throw new IntentException(ErrorCode.LOAD_FAILED, problem);
        }
        ObjectNode data = Json.object();
        ObjectNode routes = data.putObject("routes");
        output.routing().routes().forEach((universe, list) -> {
            ArrayNode destinations = routes.putArray(String.valueOf(universe));
            list.forEach(r -> destinations.add(r.protocol().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + r.target().getHostString() + ":" + r.target().getPort()
                    + (r.protocol() == OutputRoute.Protocol.ARTNET ? " port_address " + r.portAddress()
                    : " universe " + r.sacnUniverse() + " priority " + r.priority())));
        });
        return IntentOutcome.changed(data);
    }

    /** Every intent the control plane answers. */
    private IntentRegistry intents() {
        IntentRegistry registry = new IntentRegistry();
        TransportIntents.register(registry);
        ClockIntents.register(registry);
        FixtureIntents.register(registry);
        PoiIntents.register(registry);
        SongIntents.register(registry);
        CueIntents.register(registry);
        FseqIntents.register(registry);
        ChaserIntents.register(registry);
        LibraryIntents.register(registry);
        registry.register("outputs.reload", this::outputsReload);
        RigIntents.register(registry);
        hints.register(registry);
        LiveIntents.register(registry, liveFeed);
        assistant.register(registry);
        return registry;
    }

    private AssistantProvider assistantProvider() {
        AssistantProvider provider = config.llmBaseUrl().isPresent()
                ? new OpenAiProvider(config.llmBaseUrl().get(), config.llmApiKey(), config.llmModel(),
                config.llmTimeout()) : new OfflineProvider();
        LOG.info("Assistant: {}", provider.name());
        return provider;
    }

    public static BeatlightServer start(Config config) throws Exception {
        return new BeatlightServer(config, FileSync.FORCE);
    }

    /** Starts with {@code sync} flushing every show file write (tests use a slow or failing disk). */
    public static BeatlightServer start(Config config, FileSync sync) throws Exception {
        return new BeatlightServer(config, sync);
    }

    /** Starts with MIDI inputs from {@code midiInputs} instead of the machine's (tests use in-process devices). */
    public static BeatlightServer start(Config config, MidiDeviceLookup midiInputs) throws Exception {
        return new BeatlightServer(config, FileSync.FORCE, midiInputs);
    }

    private ObjectNode health() {
        ObjectNode health = Json.object();
        health.put("status", "ok");
        health.put("uptime_s", (System.nanoTime() - startedNanos) / 1e9);
        health.put("clients", hub.count());
        ArtNetOutput.Stats stats = output.stats();
        ObjectNode artnet = health.putObject("artnet");
        artnet.put("fps", stats.fps());
        ArrayNode targets = artnet.putArray("targets");
        stats.targets().forEach(targets::add);
        artnet.put("frames_sent", stats.framesSent());
        artnet.put("packets_sent", stats.packetsSent());
        artnet.put("late_frames", stats.lateFrames());
        artnet.put("send_on_change", stats.sendOnChange());
        artnet.put("change_sends", stats.changeSends());
        artnet.put("change_packets", stats.changePackets());
        artnet.put("longest_change_send_ms", stats.longestChangeSendMs());
        artnet.put("errors", stats.errors());
        artnet.put("last_error", stats.lastError());
        ArtNetOutput.Lateness lateness = output.lateness();
        artnet.set("send_lateness_ms", Json.object().put("frames", lateness.frames()).put("p50", lateness.p50Ms())
                .put("p99", lateness.p99Ms()).put("max", lateness.maxMs()));
        artnet.put("source_port", output.localPort());
        SacnConfig sacn = output.sacn();
        if (sacn != null) {
            ObjectNode node = health.putObject("sacn");
            ArrayNode sacnTargets = node.putArray("targets");
            sacn.targets().forEach(t -> sacnTargets.add(t.getHostString() + ":" + t.getPort()));
            node.put("multicast", sacn.multicast());
            node.put("cid", sacn.cid().toString());
            node.put("priority", sacn.priority());
            node.put("sync_universe", sacn.syncAddress());
        }
        health.set("discovery", Json.object().put("polls_sent", discovery.pollsSent())
                .put("replies", discovery.repliesHeard()).put("rejected", discovery.rejected())
                .put("nodes", nodes.nodes().size())
                .put("subscriptions", config.artnetSubscriptions() && !config.artpollTargets().isEmpty()));
        health.set("routes", routesJson(output.effectiveRoutes()));
        health.set("timecode", Json.object().put("artnet_frames", pollResponder.timecodeFrames())
                .put("artnet_malformed", pollResponder.timecodeMalformed())
                .put("out_packets", timecodeOut == null ? 0 : timecodeOut.packetsSent()));
        // for operators and the soak benchmark: memory, threads, and work waiting for the engine
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage();
        health.set("jvm", Json.object().put("heap_used_bytes", heap.getUsed())
                .put("heap_committed_bytes", heap.getCommitted()).put("heap_max_bytes", heap.getMax())
                .put("threads", java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount()));
        health.set("engine", Json.object().put("queued_tasks", engine.queuedTasks()));
        health.set("osc", osc == null ? Json.object().put("enabled", false) : osc.health());
        return health;
    }

    /** Per universe sent: every destination, with where it comes from (outputs_file, command_line, subscription). */
    private static ObjectNode routesJson(java.util.Map<Integer, List<RoutePlan.Destination>> routes) {
        ObjectNode out = Json.object();
        routes.forEach((universe, destinations) -> {
            ArrayNode list = out.putArray(String.valueOf(universe));
            for (RoutePlan.Destination d : destinations) {
                OutputRoute r = d.route();
                ObjectNode entry = list.addObject();
                entry.put("protocol", r.protocol().name().toLowerCase(java.util.Locale.ROOT));
                entry.put("host", r.target().getHostString());
                entry.put("port", r.target().getPort());
                if (r.protocol() == OutputRoute.Protocol.ARTNET) {
                    entry.put("port_address", r.portAddress());
                } else {
                    entry.put("sacn_universe", r.sacnUniverse());
                    entry.put("priority", r.priority());
                }
                entry.put("source", d.origin().label());
            }
        });
        return out;
    }

    public int port() {
        return web.port();
    }

    /** The address the HTTP server listens on. */
    public String listenHost() {
        return web.host();
    }

    /** Every route the HTTP server answers, as registered ({@link WebServer#routes()}). */
    public List<String> routes() {
        return web.routes();
    }

    public ShowEngine engine() {
        return engine;
    }

    public ArtNetOutput output() {
        return output;
    }

    /** The OSC control port, or -1 when OSC is off. */
    public int oscPort() {
        return osc == null ? -1 : osc.port();
    }

    public ShowFolders folders() {
        return folders;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            web.close();
        } catch (RuntimeException e) {
            LOG.warn("HTTP server did not stop cleanly", e);
        }
        discovery.close(); // before the engine: a changed node table posts to the engine thread
        midi.close();
        liveFeed.close();
        mcp.close();
        if (osc != null) {
            osc.close();
        }
        assistant.close();
        if (timecodeOut != null) {
            timecodeOut.close(); // no timecode after the song stops for good
        }
        engine.stopThread();
        output.shutdownWithBlackout();
        // the pending file writes are finished after the blackout, so a slow disk never delays it
        engine.close();
        pollResponder.close();
    }
}
