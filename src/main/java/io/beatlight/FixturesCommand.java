package io.beatlight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.demo.DemoShow;
import io.beatlight.effects.Effect;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.engine.ShowFolders;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.FixtureTemplate;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.RigLoader;
import io.beatlight.rig.library.FixtureFiles;
import io.beatlight.rig.library.FixtureImportException;
import io.beatlight.rig.library.ImportedTemplate;
import io.beatlight.rig.library.LibraryFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beatlight fixtures import FILE [--mode NAME] [--show-dir DIR]}: converts a QLC+ or Open Fixture Library
 * definition to a Beatlight template with the library's code path, writes it into the show's {@code fixtures/}
 * (atomically, the previous file kept as {@code .bak}) and prints what was mapped and what was not. Never starts the
 * server.
 */
@Command(name = "beatlight fixtures", sortOptions = false, usageHelpAutoWidth = true,
        description = "Fixture definitions from the QLC+ and Open Fixture Library formats.",
        subcommands = FixturesCommand.Import.class)
final class FixturesCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command with the arguments after {@code fixtures}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = new CommandLine(new FixturesCommand()).setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    @Command(name = "import", sortOptions = false, usageHelpAutoWidth = true,
            description = {"Converts a QLC+ .qxf or an Open Fixture Library .json fixture to a Beatlight template "
                    + "and writes it into the show folder's fixtures/ (fixture.<type>.<model>.json; an existing file "
                    + "of that name is kept as .bak).",
                    "Prints the controls it made, the effects the fixture supports, and what it could not map. "
                            + "Patch the fixture from the browser, or with a fixtures.json row naming the template "
                            + "key."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the template was written", "1:the file could not be converted or written",
                    "2:wrong usage (no such mode, several modes and no --mode, no such show folder)"})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A QLC+ fixture definition (.qxf) or an OFL fixture (.json).")
        Path file;

        @Option(names = "--mode", paramLabel = "NAME",
                description = "The mode to import (its name, any case, or its channel count when only one mode has "
                        + "it). Needed when the fixture has several modes.")
        String mode;

        @Option(names = "--show-dir", paramLabel = "DIR",
                defaultValue = "${env:BEATLIGHT_SHOW_DIR:-${sys:user.home}/.beatlight/show}",
                description = "Show folder to write into (the server's default; created from the bundled demo show "
                        + "when missing or empty, as the server does). Env: BEATLIGHT_SHOW_DIR.")
        Path showDir;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LibraryFixture fixture;
            try {
                fixture = FixtureFiles.read(file);
            } catch (FixtureImportException e) {
                err.println("beatlight fixtures import: " + e.getMessage() + " [" + e.reason() + "]");
                return FAILED;
            }
            ImportedTemplate template = chooseMode(fixture, err);
            if (template == null) {
                return USAGE;
            }
            Path show = showDir.toAbsolutePath().normalize();
            try {
                if (DemoShow.needsBootstrap(show)) {
                    DemoShow.bootstrapIfEmpty(show);
                    out.println("Created the show folder " + show + " from the demo show, as the server would.");
                }
                Path fixturesDir = ShowFolders.of(show).fixtures();
                boolean replacing = Files.exists(fixturesDir.resolve(template.fileName()));
                Path written = template.writeTo(fixturesDir);
                out.println(fixture.manufacturer() + " " + fixture.model() + " (" + fixture.type() + "), mode '"
                        + template.mode() + "', " + template.footprint() + " DMX channel"
                        + (template.footprint() == 1 ? "" : "s"));
                out.println("Wrote " + written + (replacing ? " (the previous file is kept as .bak)" : ""));
                out.println("Template key: " + template.templateKey());
            } catch (IOException e) {
                err.println("beatlight fixtures import: cannot write into " + show + ": " + e.getMessage());
                return FAILED;
            }
            out.print(report(template));
            out.flush();
            return 0;
        }

        private ImportedTemplate chooseMode(LibraryFixture fixture, PrintWriter err) {
            if (mode == null) {
                if (fixture.modes().size() == 1) {
                    return fixture.modes().get(0);
                }
                err.println("beatlight fixtures import: " + fixture.manufacturer() + " " + fixture.model() + " has "
                        + fixture.modes().size() + " modes; choose one with --mode:");
                fixture.modes().forEach(m -> err.println("  " + m.mode() + " (" + m.footprint() + " channels)"));
                return null;
            }
            ImportedTemplate byName = fixture.mode(mode).orElse(null);
            if (byName != null) {
                return byName;
            }
            List<ImportedTemplate> byCount = fixture.modes().stream()
                    .filter(m -> mode.strip().equals(String.valueOf(m.footprint()))).toList();
            if (byCount.size() == 1) {
                return byCount.get(0);
            }
            err.println("beatlight fixtures import: no mode '" + mode + "'; the modes are:");
            fixture.modes().forEach(m -> err.println("  " + m.mode() + " (" + m.footprint() + " channels)"));
            return null;
        }
    }

    /** The controls of the template, the effects a fixture of it supports, and what was not mapped. */
    static String report(ImportedTemplate template) {
        StringBuilder out = new StringBuilder();
        ObjectNode json = template.template();
        Map<String, Integer> offsets = new java.util.LinkedHashMap<>();
        json.path("channels").properties().forEach(e -> offsets.put(e.getKey(), e.getValue().asInt()));
        Set<String> controlled = new HashSet<>();
        out.append("Mapped:\n");
        for (Map.Entry<String, JsonNode> e : json.path("meta_channels").properties()) {
            JsonNode meta = e.getValue();
            List<String> names = new ArrayList<>();
            if (meta.has("channel")) {
                names.add(meta.get("channel").asText());
            }
            meta.path("channels").forEach(n -> names.add(n.asText()));
            controlled.addAll(names);
            String where = names.stream().map(n -> n + "@" + (offsets.getOrDefault(n, -1) + 1))
                    .collect(Collectors.joining(", "));
            String mapping = meta.has("mapping") && json.path("mappings").has(meta.get("mapping").asText())
                    && !meta.path("kind").asText().equals("rgb")
                    ? ", " + json.path("mappings").get(meta.get("mapping").asText()).size() + " named values" : "";
            out.append(String.format("  %-22s %-5s %-28s channel %s%s%s%s%n", e.getKey(), meta.path("kind").asText(),
                    "\"" + meta.path("label").asText() + "\"", where, mapping,
                    meta.has("arm") ? ", armed at " + meta.get("arm").asInt() : "",
                    meta.path("hidden").asBoolean(false) ? ", hidden"
                            : meta.path("subtractive").asBoolean(false) ? ", subtractive (CMY)" : ""));
        }
        List<String> bare = offsets.keySet().stream().filter(n -> !controlled.contains(n))
                .map(n -> n + "@" + (offsets.get(n) + 1)).toList();
        if (!bare.isEmpty()) {
            out.append("  channels without a control (reachable by name in set_channels): ")
                    .append(String.join(", ", bare)).append('\n');
        }
        if (json.has("physical_movement")) {
            out.append("  physical_movement: ").append(json.get("physical_movement")).append('\n');
        }
        out.append("Effects: ").append(String.join(", ", supportedEffects(template))).append('\n');
        out.append("Not mapped:");
        if (template.unmapped().isEmpty()) {
            out.append(" nothing\n");
        } else {
            out.append('\n');
            template.unmapped().forEach(u -> out.append("  - ").append(u).append('\n'));
        }
        return out.toString();
    }

    /** The effects (later semantics) a fixture patched with this template offers, as the server computes them. */
    static List<String> supportedEffects(ImportedTemplate template) {
        List<LoadProblem> problems = new ArrayList<>();
        FixtureTemplate parsed = RigLoader.parseTemplate(template.fileName(), template.template(), problems);
        if (parsed == null) {
            return List.of("(template invalid: " + problems + ")");
        }
        Fixture fixture = new Fixture("imported", "imported", template.templateKey(), parsed, 1, 0, null);
        return new EffectRegistry().supported(fixture, RenderVersion.V2).stream().map(Effect::id).toList();
    }
}
