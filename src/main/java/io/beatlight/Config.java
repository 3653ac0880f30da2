package io.beatlight;

import io.beatlight.protocol.ClientProfile;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * Command-line configuration. Every flag has an environment-variable equivalent; a flag wins over the variable,
 * the variable over the default.
 */
@Command(name = "beatlight", mixinStandardHelpOptions = true, version = "Beatlight 0.1.0",
        description = "Music-synchronised DMX show server: renders cue sheets to a 60 FPS canvas and streams Art-Net.",
        sortOptions = false, showDefaultValues = true,
        footer = {"", "Command-line analyser (does not start the server; see beatlight analyze --help):",
                "  beatlight analyze FILE... [--show-dir DIR] [--json]",
                "Fixture import from QLC+ or Open Fixture Library files (see beatlight fixtures import --help):",
                "  beatlight fixtures import FILE.qxf|FILE.json [--mode NAME] [--show-dir DIR]"})
public final class Config {
    public static final int DEFAULT_ARTNET_PORT = 6454;
    public static final int DEFAULT_SACN_PORT = 5568;

    @Option(names = "--show-dir", paramLabel = "DIR", defaultValue = "${env:BEATLIGHT_SHOW_DIR:-${sys:user.home}/.beatlight/show}",
            description = "Show folder (fixtures/, songs/, meta/, cues/, chasers/). Created from the bundled demo show "
                    + "when missing or empty. Env: BEATLIGHT_SHOW_DIR.")
    Path showDir;

    @Option(names = "--fixture-library", paramLabel = "DIR", defaultValue = "${env:BEATLIGHT_FIXTURE_LIBRARY:-}",
            description = "Extra folder of fixture definitions (QLC+ .qxf, Open Fixture Library .json) for the "
                    + "library, besides the show's fixtures/library/ and /usr/share/qlcplus/fixtures. "
                    + "Env: BEATLIGHT_FIXTURE_LIBRARY.")
    String fixtureLibrary;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "${env:BEATLIGHT_HOST:-127.0.0.1}",
            description = "HTTP/WebSocket listen address. Env: BEATLIGHT_HOST.")
    String host;

    @Option(names = "--listen-all", description = "Listen on all interfaces (0.0.0.0), e.g. for a tablet on the "
            + "venue network. Overrides --host.")
    boolean listenAll;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:BEATLIGHT_PORT:-5001}",
            description = "HTTP/WebSocket port (0 = pick a free one). Env: BEATLIGHT_PORT.")
    int port;

    @Option(names = "--artnet-targets", paramLabel = "HOST[:PORT],...",
            defaultValue = "${env:BEATLIGHT_ARTNET_TARGETS:-127.0.0.1}",
            description = "Art-Net nodes to send ArtDmx to (unicast), comma-separated; port defaults to 6454. "
                    + "Env: BEATLIGHT_ARTNET_TARGETS.")
    String artnetTargets;

    @Option(names = "--artnet-source-port", paramLabel = "PORT|auto",
            defaultValue = "${env:BEATLIGHT_ARTNET_SOURCE_PORT:-auto}",
            description = "UDP port ArtDmx and ArtSync leave from. auto = 6454 (Art-Net 4), except when a target is "
                    + "a receiver on this machine at port 6454 (then an ephemeral port, so the receiver keeps 6454); "
                    + "0 = ephemeral. Never shared: when taken, an ephemeral port is used with a warning. "
                    + "Env: BEATLIGHT_ARTNET_SOURCE_PORT.")
    String artnetSourcePort;

    @Option(names = "--artnet-listen-port", paramLabel = "PORT|auto",
            defaultValue = "${env:BEATLIGHT_ARTNET_LISTEN_PORT:-auto}",
            description = "UDP port where ArtPoll is answered; 0 = off. auto = 6454, or off when a target is a "
                    + "receiver on this machine at port 6454. The port is never shared with another program: when "
                    + "it is taken, ArtPoll is not answered and a warning says so. Env: BEATLIGHT_ARTNET_LISTEN_PORT.")
    String artnetListenPort;

    @Option(names = "--artnet-listen-host", paramLabel = "ADDR", defaultValue = "${env:BEATLIGHT_ARTNET_LISTEN_HOST:-}",
            description = "Address the Art-Net socket and the ArtPoll listener bind to. Default: 127.0.0.1 when "
                    + "every target is on this machine, else 0.0.0.0. Env: BEATLIGHT_ARTNET_LISTEN_HOST.")
    String artnetListenHost;

    @Option(names = "--artpoll-targets", paramLabel = "HOST[:PORT],...",
            defaultValue = "${env:BEATLIGHT_ARTPOLL_TARGETS:-}",
            description = "Where Art-Net discovery sends ArtPoll (port defaults to 6454), e.g. a node's address or "
                    + "the venue's directed broadcast; empty = no discovery (Beatlight never polls on its own). "
                    + "Env: BEATLIGHT_ARTPOLL_TARGETS.")
    String artpollTargets;

    @Option(names = "--artpoll-interval", paramLabel = "MS", defaultValue = "${env:BEATLIGHT_ARTPOLL_INTERVAL:-3000}",
            description = "Milliseconds between ArtPolls (Art-Net asks for 2500..3000). "
                    + "Env: BEATLIGHT_ARTPOLL_INTERVAL.")
    int artpollIntervalMillis;

    @Option(names = "--artpoll-source-port", paramLabel = "PORT",
            defaultValue = "${env:BEATLIGHT_ARTPOLL_SOURCE_PORT:-0}",
            description = "UDP port discovery polls from and hears replies on; 0 = any free port. Use 6454 for "
                    + "devices that only answer to 6454 (with the ArtPoll listener and --artnet-source-port "
                    + "0 or on another address). "
                    + "Env: BEATLIGHT_ARTPOLL_SOURCE_PORT.")
    int artpollSourcePort;

    @Option(names = "--node-stale-after", paramLabel = "SECONDS",
            defaultValue = "${env:BEATLIGHT_NODE_STALE_AFTER:-10}",
            description = "A discovered device without a reply for this long is shown as stale (and forgotten "
                    + "after six times as long). Env: BEATLIGHT_NODE_STALE_AFTER.")
    int nodeStaleAfterSeconds;

    @Option(names = "--artnet-subscriptions", negatable = true,
            defaultValue = "${env:BEATLIGHT_ARTNET_SUBSCRIPTIONS:-true}", fallbackValue = "true",
            description = "Art-Net 4 subscriptions: a device discovery finds (see --artpoll-targets) that outputs a "
                    + "Port-Address gets that universe unicast to its address, besides the configured targets, until "
                    + "it goes stale. Needs discovery; --no-artnet-subscriptions turns it off. "
                    + "Env: BEATLIGHT_ARTNET_SUBSCRIPTIONS.")
    boolean artnetSubscriptions;

    @Option(names = "--send-on-change", negatable = true,
            defaultValue = "${env:BEATLIGHT_SEND_ON_CHANGE:-true}", fallbackValue = "true",
            description = "Send a change (a live edit, a seek, a new canvas) before the next frame: the universes "
                    + "whose bytes changed go out at the next of three fixed points between frames (4.2, 8.3 and "
                    + "12.5 ms after each frame at 60 FPS); the steady FPS grid stays. --no-send-on-change sends "
                    + "frames only. "
                    + "Env: BEATLIGHT_SEND_ON_CHANGE.")
    boolean sendOnChange;

    @Option(names = "--client-profile", paramLabel = "auto|seed|latest",
            defaultValue = "${env:BEATLIGHT_CLIENT_PROFILE:-auto}",
            description = "The state shape clients get: seed (the seed-era reference client and Beatlight's own page), "
                    + "latest (the newest reference client: beats as objects, enum values as DMX keys, human hints, "
                    + "cue helpers), or auto: seed unless a connection's hello says profile \"latest\" or it sends "
                    + "song.hints.* or cue.apply_helper (see docs/protocol.md#client-profiles). "
                    + "Env: BEATLIGHT_CLIENT_PROFILE.")
    String clientProfile;

    @Option(names = "--artsync", defaultValue = "${env:BEATLIGHT_ARTNET_SYNC:-false}",
            description = "Send ArtSync after each frame so nodes latch all universes together. "
                    + "Env: BEATLIGHT_ARTNET_SYNC.")
    boolean artSync;

    @Option(names = "--sacn-targets", paramLabel = "HOST[:PORT],...",
            defaultValue = "${env:BEATLIGHT_SACN_TARGETS:-}",
            description = "sACN (E1.31) receivers to send to (unicast), comma-separated; port defaults to 5568. "
                    + "sACN universe = Beatlight universe + 1. Runs side by side with Art-Net; empty = no sACN. "
                    + "Env: BEATLIGHT_SACN_TARGETS.")
    String sacnTargets;

    @Option(names = "--sacn-multicast", defaultValue = "${env:BEATLIGHT_SACN_MULTICAST:-false}",
            description = "Also send each sACN universe to its multicast group 239.255.hi.lo (venue networks). "
                    + "Env: BEATLIGHT_SACN_MULTICAST.")
    boolean sacnMulticast;

    @Option(names = "--sacn-priority", paramLabel = "N", defaultValue = "${env:BEATLIGHT_SACN_PRIORITY:-100}",
            description = "sACN priority 0..200; receivers take the highest. Env: BEATLIGHT_SACN_PRIORITY.")
    int sacnPriority;

    @Option(names = "--sacn-sync-universe", paramLabel = "N",
            defaultValue = "${env:BEATLIGHT_SACN_SYNC_UNIVERSE:-0}",
            description = "Send an E1.31 universe-synchronization packet to this universe (1..63999) after every "
                    + "frame, and name it in the data packets; 0 = off. Env: BEATLIGHT_SACN_SYNC_UNIVERSE.")
    int sacnSyncUniverse;

    @Option(names = "--sacn-source-name", paramLabel = "NAME",
            defaultValue = "${env:BEATLIGHT_SACN_SOURCE_NAME:-Beatlight}",
            description = "Source name in sACN packets (up to 63 bytes of UTF-8). The CID is kept in the show "
                    + "folder's sacn-cid file. Env: BEATLIGHT_SACN_SOURCE_NAME.")
    String sacnSourceName;

    @Option(names = "--realtime-output", negatable = true, defaultValue = "${env:BEATLIGHT_REALTIME_OUTPUT:-true}",
            fallbackValue = "true",
            description = "Run the Art-Net output thread with real-time priority when the system allows it "
                    + "(Linux, CAP_SYS_NICE or an rtprio limit). Env: BEATLIGHT_REALTIME_OUTPUT.")
    boolean realtimeOutput;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "${env:BEATLIGHT_FPS:-60}",
            description = "Art-Net output frame rate (1..120). The canvas is always rendered at 60 FPS. "
                    + "Env: BEATLIGHT_FPS.")
    int fps;

    @Option(names = "--song", paramLabel = "ID", defaultValue = "${env:BEATLIGHT_SONG:-}",
            description = "Song to load at start-up (default: the first song). Env: BEATLIGHT_SONG.")
    String song;

    @Option(names = "--token", paramLabel = "SECRET", defaultValue = "${env:BEATLIGHT_TOKEN:-}",
            showDefaultValue = Visibility.NEVER, // never print a secret
            description = "Access token required on /ws and HTTP when set (Bearer header, ?token= or cookie). "
                    + "Env: BEATLIGHT_TOKEN.")
    String token;

    @Option(names = "--allowed-origins", paramLabel = "ORIGIN,...",
            defaultValue = "${env:BEATLIGHT_ALLOWED_ORIGINS:-}",
            description = "Extra browser origins allowed to open /ws (same-origin and localhost are always "
                    + "allowed; * allows all). Env: BEATLIGHT_ALLOWED_ORIGINS.")
    String allowedOrigins;

    @Option(names = "--allowed-hosts", paramLabel = "HOST,...",
            defaultValue = "${env:BEATLIGHT_ALLOWED_HOSTS:-}",
            description = "Host names (without port) the server answers besides localhost, 127.0.0.1 and [::1]; "
                    + "other Host headers get 403 (against DNS rebinding). Bound to loopback, only those names are "
                    + "answered; bound to the network, any name unless this lists some. Env: BEATLIGHT_ALLOWED_HOSTS.")
    String allowedHosts;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", defaultValue = "${env:BEATLIGHT_CORS_ORIGIN:-*}",
            description = "Access-Control-Allow-Origin sent with /songs and /meta files; empty = none. "
                    + "Env: BEATLIGHT_CORS_ORIGIN.")
    String corsOrigin;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "${env:BEATLIGHT_MAX_CLIENTS:-256}",
            description = "WebSocket connections served at once; one more is closed with 1013 and a reason. "
                    + "Env: BEATLIGHT_MAX_CLIENTS.")
    int maxClients;

    @Option(names = "--max-intents-per-second", paramLabel = "N",
            defaultValue = "${env:BEATLIGHT_MAX_INTENTS_PER_SECOND:-200}",
            description = "Messages one connection may send per second (bursts of twice as many); more are "
                    + "answered rate_limited, a flood closes the connection. Env: BEATLIGHT_MAX_INTENTS_PER_SECOND.")
    int maxIntentsPerSecond;

    @Option(names = "--canvas-debug-log", defaultValue = "${env:BEATLIGHT_CANVAS_DEBUG_LOG:-false}",
            description = "Write cues/<song>.dmx.log, a sparse text dump of every rendered canvas. "
                    + "Env: BEATLIGHT_CANVAS_DEBUG_LOG.")
    boolean canvasDebugLog;

    @Option(names = "--llm-base-url", paramLabel = "URL", defaultValue = "${env:BEATLIGHT_LLM_BASE_URL:-}",
            description = "OpenAI-compatible chat-completions server for the assistant, e.g. "
                    + "http://127.0.0.1:11434/v1 (Ollama); empty = the offline assistant. Env: BEATLIGHT_LLM_BASE_URL.")
    String llmBaseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", defaultValue = "${env:BEATLIGHT_LLM_MODEL:-llama3.1}",
            description = "Model name sent to the server. Env: BEATLIGHT_LLM_MODEL.")
    String llmModel;

    @Option(names = "--llm-api-key", paramLabel = "KEY", defaultValue = "${env:BEATLIGHT_LLM_API_KEY:-}",
            description = "API key for the model server (if it needs one). Env: BEATLIGHT_LLM_API_KEY.")
    String llmApiKey;

    @Option(names = "--llm-timeout", paramLabel = "SECONDS", defaultValue = "${env:BEATLIGHT_LLM_TIMEOUT:-60}",
            description = "Seconds to wait for the model server. Env: BEATLIGHT_LLM_TIMEOUT.")
    int llmTimeoutSeconds;

    @Option(names = "--osc-port", paramLabel = "PORT|off", defaultValue = "${env:BEATLIGHT_OSC_PORT:-off}",
            description = "UDP port for OSC control (docs/osc.md), e.g. 9000; off = no OSC server, 0 = any free "
                    + "port. Env: BEATLIGHT_OSC_PORT.")
    String oscPort;

    @Option(names = "--osc-host", paramLabel = "ADDR", defaultValue = "${env:BEATLIGHT_OSC_HOST:-127.0.0.1}",
            description = "Address the OSC server listens on; 0.0.0.0 opens it to the network (OSC has no access "
                    + "token: anyone who can reach the port controls the show). Env: BEATLIGHT_OSC_HOST.")
    String oscHost;

    @Option(names = "--clock", paramLabel = "SOURCE", defaultValue = "${env:BEATLIGHT_CLOCK:-browser}",
            description = "What drives the transport: browser (the page's audio), artnet (Art-Net OpTimeCode on the "
                    + "Art-Net listen port), mtc (MIDI Time Code) or ltc (SMPTE LTC audio). Changeable at run time "
                    + "(transport.set_clock). Env: BEATLIGHT_CLOCK.")
    String clock;

    @Option(names = "--clock-freewheel", paramLabel = "SECONDS",
            defaultValue = "${env:BEATLIGHT_CLOCK_FREEWHEEL:-1}",
            description = "When chased timecode stops, the song runs on this long (0..60 s), then pauses. "
                    + "Env: BEATLIGHT_CLOCK_FREEWHEEL.")
    double clockFreewheelSeconds;

    @Option(names = "--clock-jump-threshold", paramLabel = "SECONDS",
            defaultValue = "${env:BEATLIGHT_CLOCK_JUMP_THRESHOLD:-1}",
            description = "Chased timecode this far (0.05..3600 s) from the song time is a jump: the song seeks. "
                    + "Smaller differences over 20 ms re-anchor the clock silently. "
                    + "Env: BEATLIGHT_CLOCK_JUMP_THRESHOLD.")
    double clockJumpThresholdSeconds;

    @Option(names = "--clock-lock-frames", paramLabel = "N", defaultValue = "${env:BEATLIGHT_CLOCK_LOCK_FRAMES:-4}",
            description = "Consecutive timecode frames (1..100) before the chase locks. "
                    + "Env: BEATLIGHT_CLOCK_LOCK_FRAMES.")
    int clockLockFrames;

    @Option(names = "--mtc-device", paramLabel = "NAME", defaultValue = "${env:BEATLIGHT_MTC_DEVICE:-}",
            description = "MIDI input device for --clock mtc (empty = the first one). Env: BEATLIGHT_MTC_DEVICE.")
    String mtcDevice;

    @Option(names = "--ltc-line", paramLabel = "NAME", defaultValue = "${env:BEATLIGHT_LTC_LINE:-}",
            description = "Audio input line for --clock ltc (empty = the default input). Env: BEATLIGHT_LTC_LINE.")
    String ltcLine;

    @Option(names = "--timecode-out", defaultValue = "${env:BEATLIGHT_TIMECODE_OUT:-false}",
            description = "Send Art-Net OpTimeCode (song offset + song time) to every Art-Net destination while playing. "
                    + "Env: BEATLIGHT_TIMECODE_OUT.")
    boolean timecodeOut;

    @Option(names = "--timecode-out-rate", paramLabel = "FPS", defaultValue = "${env:BEATLIGHT_TIMECODE_OUT_RATE:-30}",
            description = "Frame rate of --timecode-out: 24, 25, 29.97df or 30. Env: BEATLIGHT_TIMECODE_OUT_RATE.")
    String timecodeOutRate;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:BEATLIGHT_LOG_LEVEL:-info}",
            description = "trace, debug, info, warn or error. Env: BEATLIGHT_LOG_LEVEL.")
    String logLevel;

    @Option(names = "--midi-input", paramLabel = "NAME", defaultValue = "${env:BEATLIGHT_MIDI_INPUT:-}",
            description = "MIDI input for control mappings (show/midi.json): any part of the device name, "
                    + "case-insensitive; empty = no MIDI input. Env: BEATLIGHT_MIDI_INPUT.")
    String midiInput;

    /** Parses command-line style arguments (environment defaults apply); throws on bad flags or values. */
    public static Config parse(String... args) {
        Config config = new Config();
        new CommandLine(config).parseArgs(args);
        String problem = config.validate();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return config;
    }

    public Path showDir() {
        return showDir.toAbsolutePath().normalize();
    }

    /** The extra fixture-definition folder given by flag or environment, if any. */
    public Optional<Path> fixtureLibrary() {
        return fixtureLibrary == null || fixtureLibrary.isBlank() ? Optional.empty()
                : Optional.of(Path.of(fixtureLibrary.trim()).toAbsolutePath().normalize());
    }

    public String host() {
        return listenAll ? "0.0.0.0" : host;
    }

    public int port() {
        return port;
    }

    public int fps() {
        return fps;
    }

    public boolean artSync() {
        return artSync;
    }

    public boolean realtimeOutput() {
        return realtimeOutput;
    }

    /** Where ArtPoll is answered (0 = off); see {@link #artnetListenPort} for auto. */
    public int artnetListenPort() {
        return portOrAuto(artnetListenPort, "--artnet-listen-port");
    }

    /** The port Art-Net leaves from (0 = ephemeral); auto is 6454 unless a target is a local 6454 receiver. */
    public int artnetSourcePort() {
        return portOrAuto(artnetSourcePort, "--artnet-source-port");
    }

    private int portOrAuto(String value, String flag) {
        String text = value == null ? "auto" : value.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("auto")) {
            return hasLocalArtNetReceiver() ? 0 : DEFAULT_ARTNET_PORT;
        }
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be 0..65535 or auto");
        }
    }

    /** Whether a target is a program on this machine listening on 6454 (loopback or one of our addresses). */
    public boolean hasLocalArtNetReceiver() {
        return artnetTargets().stream().anyMatch(t -> t.getPort() == DEFAULT_ARTNET_PORT && isLocal(t));
    }

    private static boolean isLocal(InetSocketAddress target) {
        if (target.getAddress() == null) {
            return false;
        }
        if (target.getAddress().isLoopbackAddress() || target.getAddress().isAnyLocalAddress()) {
            return true;
        }
        try {
            return java.net.NetworkInterface.getByInetAddress(target.getAddress()) != null;
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    public Optional<String> song() {
        return song == null || song.isBlank() ? Optional.empty() : Optional.of(song.trim());
    }

    /** The MIDI control input's name (a case-insensitive part of it), if one is configured. */
    public Optional<String> midiInput() {
        return midiInput == null || midiInput.isBlank() ? Optional.empty() : Optional.of(midiInput.trim());
    }

    public Optional<String> token() {
        return token == null || token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    public String corsOrigin() {
        return corsOrigin == null || corsOrigin.isBlank() ? null : corsOrigin.trim();
    }

    public boolean canvasDebugLog() {
        return canvasDebugLog;
    }

    public String logLevel() {
        return logLevel;
    }

    /** The model server for the assistant, or empty for the offline one. */
    public Optional<String> llmBaseUrl() {
        return llmBaseUrl == null || llmBaseUrl.isBlank() ? Optional.empty() : Optional.of(llmBaseUrl.trim());
    }

    public String llmModel() {
        return llmModel;
    }

    public String llmApiKey() {
        return llmApiKey == null || llmApiKey.isBlank() ? "none" : llmApiKey;
    }

    public Duration llmTimeout() {
        return Duration.ofSeconds(llmTimeoutSeconds);
    }

    public List<String> allowedOrigins() {
        return commaList(allowedOrigins);
    }

    public List<String> allowedHosts() {
        return commaList(allowedHosts);
    }

    private static List<String> commaList(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Parsed Art-Net targets; throws IllegalArgumentException with a readable message on bad input. */
    public List<InetSocketAddress> artnetTargets() {
        List<InetSocketAddress> out = parseTargets(artnetTargets, DEFAULT_ARTNET_PORT, "Art-Net");
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no Art-Net target given");
        }
        return out;
    }

    /** Where discovery sends ArtPoll; empty = discovery off. */
    public List<InetSocketAddress> artpollTargets() {
        return artpollTargets == null ? List.of() : parseTargets(artpollTargets, DEFAULT_ARTNET_PORT, "ArtPoll");
    }

    public long artpollIntervalMillis() {
        return artpollIntervalMillis;
    }

    public int artpollSourcePort() {
        return artpollSourcePort;
    }

    /** Where discovery binds: loopback when every poll destination is loopback, else every interface. */
    public String artpollBindHost() {
        return artpollTargets().stream().allMatch(t -> t.getAddress() != null && t.getAddress().isLoopbackAddress())
                ? "127.0.0.1" : "0.0.0.0";
    }

    /** Whether discovered devices get the universes they subscribe to (only when discovery runs). */
    public boolean artnetSubscriptions() {
        return artnetSubscriptions;
    }

    public boolean sendOnChange() {
        return sendOnChange;
    }

    /** {@code --client-profile}; an unknown value is refused at start-up. */
    public ClientProfile.Setting clientProfile() {
        return ClientProfile.Setting.parse(clientProfile);
    }

    public long nodeStaleAfterMillis() {
        return nodeStaleAfterSeconds * 1000L;
    }

    /** Parsed sACN unicast targets; empty when sACN is off (unless multicast is on). */
    public List<InetSocketAddress> sacnTargets() {
        return parseTargets(sacnTargets == null ? "" : sacnTargets, DEFAULT_SACN_PORT, "sACN");
    }

    /** Whether sACN is sent at all: to unicast targets, to multicast groups, or both. */
    public boolean sacnEnabled() {
        return sacnMulticast || !sacnTargets().isEmpty();
    }

    public boolean sacnMulticast() {
        return sacnMulticast;
    }

    public int maxClients() {
        return maxClients;
    }

    public int maxIntentsPerSecond() {
        return maxIntentsPerSecond;
    }

    public int sacnPriority() {
        return sacnPriority;
    }

    public int sacnSyncUniverse() {
        return sacnSyncUniverse;
    }

    public String sacnSourceName() {
        return sacnSourceName;
    }

    private static List<InetSocketAddress> parseTargets(String text, int defaultPort, String protocol) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            String hostPart = item;
            int targetPort = defaultPort;
            int colon = item.lastIndexOf(':');
            if (item.startsWith("[")) {
                int close = item.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("bad " + protocol + " target '" + item + "'");
                }
                hostPart = item.substring(1, close);
                if (close + 1 < item.length()) {
                    targetPort = parsePort(protocol, item, item.substring(close + 2));
                }
            } else if (colon > 0 && item.indexOf(':') == colon) {
                hostPart = item.substring(0, colon);
                targetPort = parsePort(protocol, item, item.substring(colon + 1));
            }
            out.add(new InetSocketAddress(hostPart, targetPort));
        }
        return out;
    }

    /** Where the ArtPoll listener binds: explicit, else loopback when every target is loopback. */
    public String artnetListenHost() {
        if (artnetListenHost != null && !artnetListenHost.isBlank()) {
            return artnetListenHost.trim();
        }
        boolean allLoopback = artnetTargets().stream()
                .allMatch(t -> t.getAddress() != null && t.getAddress().isLoopbackAddress());
        return allLoopback ? "127.0.0.1" : "0.0.0.0";
    }

    private static int parsePort(String protocol, String item, String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + protocol + " target '" + item + "'");
        }
    }

    /** The OSC control port, or empty when OSC is off (0 = any free port). */
    public java.util.OptionalInt oscPort() {
        String text = oscPort == null ? "" : oscPort.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("off")) {
            return java.util.OptionalInt.empty();
        }
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return java.util.OptionalInt.of(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--osc-port must be 0..65535 or off");
        }
    }

    public String oscHost() {
        return oscHost == null || oscHost.isBlank() ? "127.0.0.1" : oscHost.trim();
    }

    /** The clock chosen at start: browser, artnet, mtc or ltc. */
    public String clock() {
        return clock.strip().toLowerCase(Locale.ROOT);
    }

    /** Lock, freewheel and jump settings of the timecode chase. */
    public io.beatlight.engine.ChaseSettings chaseSettings() {
        return io.beatlight.engine.ChaseSettings.DEFAULT.withLockFrames(clockLockFrames)
                .withFreewheel(clockFreewheelSeconds).withJumpThreshold(clockJumpThresholdSeconds);
    }

    /** The MIDI device and audio line names handed to the MTC and LTC sources. */
    public io.beatlight.timecode.SourceOptions timecodeSourceOptions() {
        return new io.beatlight.timecode.SourceOptions(mtcDevice, ltcLine);
    }

    public boolean timecodeOut() {
        return timecodeOut;
    }

    public io.beatlight.timecode.FrameRate timecodeOutRate() {
        return io.beatlight.timecode.FrameRate.parse(timecodeOutRate).orElseThrow(
                () -> new IllegalArgumentException("--timecode-out-rate must be 24, 25, 29.97df or 30"));
    }

    /** Checks values that picocli cannot; returns an error message or null. */
    public String validate() {
        if (port < 0 || port > 65535) {
            return "--port must be 0..65535";
        }
        if (llmTimeoutSeconds < 1 || llmTimeoutSeconds > 3600) {
            return "--llm-timeout must be 1..3600 seconds";
        }
        if (llmBaseUrl().isPresent() && !llmBaseUrl().get().matches("https?://.+")) {
            return "--llm-base-url must be an http(s) URL";
        }
        if (fps < 1 || fps > 120) {
            return "--fps must be 1..120";
        }
        try {
            artnetListenPort();
            artnetSourcePort();
            clientProfile();
            for (InetSocketAddress target : artnetTargets()) {
                if (target.isUnresolved()) {
                    return "cannot resolve Art-Net target " + target.getHostString();
                }
            }
            for (InetSocketAddress target : sacnTargets()) {
                if (target.isUnresolved()) {
                    return "cannot resolve sACN target " + target.getHostString();
                }
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (maxClients < 1 || maxClients > 100_000) {
            return "--max-clients must be 1..100000";
        }
        if (maxIntentsPerSecond < 1 || maxIntentsPerSecond > 1_000_000) {
            return "--max-intents-per-second must be 1..1000000";
        }
        if (sacnPriority < 0 || sacnPriority > 200) {
            return "--sacn-priority must be 0..200";
        }
        if (sacnSyncUniverse < 0 || sacnSyncUniverse > 63999) {
            return "--sacn-sync-universe must be 1..63999, or 0 for off";
        }
        if (artpollIntervalMillis < 100 || artpollIntervalMillis > 60_000) {
            return "--artpoll-interval must be 100..60000 ms";
        }
        if (artpollSourcePort < 0 || artpollSourcePort > 65535) {
            return "--artpoll-source-port must be 0..65535";
        }
        if (nodeStaleAfterSeconds < 1 || nodeStaleAfterSeconds > 3600) {
            return "--node-stale-after must be 1..3600 seconds";
        }
        try {
            for (InetSocketAddress target : artpollTargets()) {
                if (target.isUnresolved()) {
                    return "cannot resolve ArtPoll target " + target.getHostString();
                }
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        try {
            oscPort();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!io.beatlight.timecode.TimecodeSources.KINDS.contains(clock())) {
            return "--clock must be browser, artnet, mtc or ltc";
        }
        try {
            chaseSettings();
            timecodeOutRate();
        } catch (IllegalArgumentException e) {
            return e.getMessage().startsWith("--") ? e.getMessage() : "--clock-" + e.getMessage();
        }
        if (!List.of("trace", "debug", "info", "warn", "error").contains(logLevel.toLowerCase(Locale.ROOT))) {
            return "--log-level must be trace, debug, info, warn or error";
        }
        return null;
    }
}
