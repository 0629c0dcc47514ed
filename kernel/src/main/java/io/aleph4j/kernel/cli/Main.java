package io.aleph4j.kernel.cli;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.kernel.Aleph4j;
import io.aleph4j.kernel.Node;
import io.aleph4j.kernel.NodeBuilder;
import io.aleph4j.kernel.NodeStartException;
import io.aleph4j.kernel.internal.config.ConfigDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The launcher's command: starts a node in the foreground until Ctrl-C (or SIGTERM), then stops it cleanly. */
@Command(name = "aleph4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs an aleph4j node in the foreground; Ctrl-C stops it cleanly.",
        subcommands = ReplayCommand.class)
public final class Main implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:ALEPH4J_DATA_DIR:-./data}",
            description = "Data directory (log, plugin data). Default: $ALEPH4J_DATA_DIR, else ./data.")
    Path dataDirectory;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file. Default: conf/aleph4j.yaml of the installation, if present.")
    Path configFile;

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Plugins directory. Default: plugins/ of the installation.")
    Path pluginsDirectory;

    @Option(names = "--set", paramLabel = "SECTION.KEY=VALUE",
            description = "Overrides one config value, e.g. --set node.http.port=4025. Repeatable.")
    List<String> assignments = new ArrayList<>();

    /** Exit code for a node that could not start (bad config, failing plugin, busy port). */
    static final int START_FAILED = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        // A start failure is the operator's to fix: say what is wrong, without a stack trace.
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof NodeStartException || exception instanceof ConfigException
                    || exception instanceof CommandFailure) {
                command.getErr().println("aleph4j: " + exception.getMessage());
                return START_FAILED;
            }
            throw exception;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        Node node = builder().start();
        Thread hook = new Thread(node::close, "aleph4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        node.awaitClosed();
        return 0;
    }

    /** A builder for the node these options describe. */
    NodeBuilder builder() {
        Path home = Path.of(System.getProperty("aleph4j.home", "."));
        NodeBuilder builder = Aleph4j.node().dataDirectory(dataDirectory);
        Path config = configFile != null ? configFile : home.resolve("conf/aleph4j.yaml");
        if (configFile != null || Files.exists(config)) {
            builder.configFile(config);
        }
        Path plugins = pluginsDirectory != null ? pluginsDirectory : home.resolve("plugins");
        if (pluginsDirectory != null || Files.isDirectory(plugins)) {
            builder.pluginsDirectory(plugins);
        }
        for (String assignment : assignments) {
            List<String> parts = ConfigDocument.splitAssignment(assignment);
            builder.set(parts.get(0), parts.get(1), parts.get(2));
        }
        return builder;
    }

    /** Reports the plugin-api version the node provides. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aleph4j (plugin-api " + io.aleph4j.api.PluginApi.VERSION + ")"};
        }
    }
}
