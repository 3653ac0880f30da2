package io.beatlight;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point: parse flags, start the server, print one ready line, blackout on SIGINT/SIGTERM. {@code analyze FILE…}
 * runs the command-line analyser instead ({@link AnalyzeCommand}), {@code fixtures import FILE} the fixture importer
 * ({@link FixturesCommand}), {@code export-fseq SONG} the .fseq export ({@link ExportFseqCommand}); none starts the
 * server.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("export-fseq")) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
            System.exit(ExportFseqCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err));
            return;
        }
        if (args.length > 0 && (args[0].equals("analyze") || args[0].equals("fixtures"))) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(args[0].equals("analyze") ? AnalyzeCommand.run(rest, out, err)
                    : FixturesCommand.run(rest, out, err));
            return;
        }
        Config config = new Config();
        CommandLine commandLine = new CommandLine(config);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            commandLine.usage(System.err);
            System.exit(2);
            return;
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return;
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(System.out);
            return;
        }
        String problem = config.validate();
        if (problem != null) {
            System.err.println("beatlight: " + problem);
            System.exit(2);
            return;
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.toLevel(config.logLevel(), Level.INFO));
        BeatlightServer server;
        try {
            server = BeatlightServer.start(config);
        } catch (Exception e) {
            LoggerFactory.getLogger(Main.class).error("Beatlight could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        String host = config.host().equals("127.0.0.1") || config.host().equals("0.0.0.0") ? "localhost" : config.host();
        System.out.println("Beatlight ready at http://" + host + ":" + server.port() + "/ (show folder "
                + server.folders().root() + ")");
    }
}
