package io.aleph4j.kernel.internal;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import io.aleph4j.api.Extension;
import io.aleph4j.api.PluginApi;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.network.Transport;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.kernel.Node;
import io.aleph4j.kernel.NodeStartException;
import io.aleph4j.kernel.NodeState;
import io.aleph4j.kernel.PluginInfo;
import io.aleph4j.kernel.internal.config.ConfigDocument;
import io.aleph4j.kernel.internal.config.ConfigSection;
import io.aleph4j.kernel.internal.config.DataDirectory;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.content.KernelContentService;
import io.aleph4j.kernel.internal.http.KernelRoutes;
import io.aleph4j.kernel.internal.http.NodeHttpServer;
import io.aleph4j.kernel.internal.http.OpenSockets;
import io.aleph4j.kernel.internal.http.RouteTable;
import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import io.aleph4j.kernel.internal.metrics.LogPositions;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import io.aleph4j.kernel.internal.pipeline.KernelMessageIntake;
import io.aleph4j.kernel.internal.network.Gossip;
import io.aleph4j.kernel.internal.network.NodeNetwork;
import io.aleph4j.kernel.internal.network.PeerDiscovery;
import io.aleph4j.kernel.internal.pipeline.AppliedIndex;
import io.aleph4j.kernel.internal.pipeline.MessagePipeline;
import io.aleph4j.kernel.internal.plugin.LoadedPlugin;
import io.aleph4j.kernel.internal.plugin.NodeExtensions;
import io.aleph4j.kernel.internal.plugin.PluginLoader;
import io.aleph4j.kernel.internal.plugin.StartOrder;
import io.aleph4j.kernel.internal.processing.NodeProcessing;
import io.aleph4j.kernel.internal.wiring.Contribution;
import io.aleph4j.kernel.internal.wiring.KernelModule;
import io.aleph4j.kernel.internal.wiring.NodeAssembly;
import io.aleph4j.kernel.internal.wiring.PluginWiring;
import io.aleph4j.kernel.internal.wiring.WiringException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node, and the order of its start: config and the log, loading the plugins ({@link PluginLoader}),
 * their registration and wiring ({@link PluginWiring}, {@link NodeAssembly}), their start, processing
 * ({@link NodeProcessing}), the HTTP server with the kernel's routes ({@link KernelRoutes}); on close or on a failed
 * start, all of it undone in reverse.
 */
public final class NodeRuntime implements Node {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
    /** The kernel's version, from its jar's manifest; {@code dev} when run from classes. */
    private static final String VERSION = Optional.ofNullable(
            NodeRuntime.class.getPackage().getImplementationVersion()).orElse("dev");

    /** What the builder chose. */
    public record Settings(Path dataDirectory, Optional<Path> configFile, ConfigDocument overrides,
                           Optional<Path> pluginsDirectory, boolean allClasspathPlugins,
                           Set<String> classpathPluginIds, List<InlinePlugin> inlinePlugins,
                           ClassLoader classLoader, Clock clock) {
    }

    /** Something to undo on close, named for the log when undoing it fails. */
    private record Release(String what, ReleaseAction action) {
    }

    @FunctionalInterface
    private interface ReleaseAction {
        void run() throws Exception;
    }

    private final Settings settings;
    private final Lifecycle lifecycle = new Lifecycle();
    private final Deque<Release> releases = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private KernelConfig kernelConfig;
    private ChronicleMessageLog log;
    private Injector base;
    private List<LoadedPlugin> plugins = List.of();
    private NodeAssembly assembly;
    private NodeProcessing processing;
    private int httpPort;

    private NodeRuntime(Settings settings) {
        this.settings = settings;
    }

    public static Node start(Settings settings) {
        NodeRuntime node = new NodeRuntime(settings);
        node.lifecycle.moveTo(NodeState.STARTING);
        try {
            node.startUp();
        } catch (RuntimeException | Error e) {
            node.releaseAll();
            node.lifecycle.moveTo(NodeState.FAILED);
            node.closed.countDown();
            if (e instanceof NodeStartException startFailure) {
                throw startFailure;
            }
            throw new NodeStartException("node did not start: " + describe(e), e);
        }
        node.lifecycle.moveTo(NodeState.STARTED);
        return node;
    }

    private void startUp() {
        ConfigDocument config = settings.configFile().map(ConfigDocument::read).orElseGet(ConfigDocument::empty);
        config.overlay(settings.overrides());
        kernelConfig = KernelConfig.from(ConfigSection.validate(KernelConfig.SECTION, KernelConfig.KEYS,
                config.section(KernelConfig.SECTION)));
        createDirectory(settings.dataDirectory());

        log = new ChronicleMessageLog(settings.dataDirectory().resolve("log"), kernelConfig.name(),
                kernelConfig.logFsync());
        releases.push(new Release("message log", log::close));
        NodeMetrics metrics = new NodeMetrics(VERSION);
        releases.push(new Release("metrics", metrics::close));
        base = Guice.createInjector(Stage.PRODUCTION, new KernelModule(kernelConfig,
                new DataDirectory(settings.dataDirectory()), settings.clock(), log, metrics));

        NodeExtensions extensions = new NodeExtensions();
        PluginLoader loader = new PluginLoader(new PluginLoader.Sources(settings.pluginsDirectory(),
                settings.allClasspathPlugins(), settings.classpathPluginIds(), settings.inlinePlugins(),
                settings.classLoader()), settings.dataDirectory(), kernelConfig, base, extensions);
        plugins = loader.load(config, directory -> releases.push(new Release("plugin class loaders",
                directory::close)));

        List<PluginWiring.Wired> wired = PluginWiring.wire(plugins);
        List<Contribution> contributions = new ArrayList<>();
        for (PluginWiring.Wired built : wired) {
            contributions.addAll(built.contributions());
            for (AutoCloseable closeable : built.closeables()) {
                releases.push(new Release("closing " + closeable.getClass().getSimpleName() + " of plugin '"
                        + built.plugin().id() + "'", closeable::close));
            }
        }
        Map<Class<?>, Set<String>> providers = new HashMap<>();
        for (Contribution contribution : contributions) {
            providers.computeIfAbsent(contribution.point(), point -> new HashSet<>()).add(contribution.pluginId());
        }
        plugins = StartOrder.of(plugins, LoadedPlugin::id, loaded -> loaded.plugin().requiredExtensions(), providers);
        try {
            assembly = NodeAssembly.assemble(base, contributions, extensions);
        } catch (WiringException e) {
            throw new NodeStartException(e.getMessage(), e);
        }
        requireExtensions();
        AppliedIndex applied = base.getInstance(AppliedIndex.class);
        OpenSockets openSockets = new OpenSockets();
        KernelRoutes kernelRoutes = new KernelRoutes(VERSION, metrics, stateQueries(), this::statusJson,
                () -> LogPositions.of(log, applied), openSockets, base.getInstance(Gossip.class)::connectedPeers);
        releases.push(new Release("kernel routes", kernelRoutes::close));
        RouteTable routes = routes(kernelRoutes);

        for (LoadedPlugin loaded : plugins) {
            try {
                loaded.plugin().start(loaded.context());
            } catch (Exception e) {
                throw new NodeStartException(loaded.label() + " failed to start: " + describe(e), e);
            }
            releases.push(new Release("stop of plugin '" + loaded.id() + "'", loaded.plugin()::stop));
        }

        try {
            processing = assembly.kernelComponent(NodeProcessing.class);
        } catch (ProvisionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new NodeStartException(describe(cause), e);
        }
        releases.push(new Release("message processing", processing::close));
        processing.start();

        NodeHttpServer server = new NodeHttpServer(kernelConfig.httpHost(), kernelConfig.httpPort(),
                kernelConfig.httpMaxRequestBytes(), kernelConfig.httpCorsOrigins(), routes, metrics, openSockets);
        try {
            httpPort = server.start();
        } catch (RuntimeException e) {
            server.close();
            throw new NodeStartException("HTTP server cannot listen on " + kernelConfig.httpHost() + ":"
                    + kernelConfig.httpPort() + ": " + describe(e), e);
        }
        releases.push(new Release("HTTP server", server::close));
        NodeNetwork network = NodeNetwork.start(new NodeNetwork.Parts(kernelConfig, base.getInstance(Gossip.class),
                base.getInstance(PeerDiscovery.class), base.getInstance(KernelMessageIntake.class), metrics,
                assembly.extensions(Transport.class), stateQueries(), settings.dataDirectory(), VERSION), httpPort);
        releases.push(new Release("network", network::close));
        LOG.info("node '{}' started: {}", kernelConfig.name(), summary());
    }

    private void requireExtensions() {
        for (LoadedPlugin loaded : plugins) {
            for (Class<? extends Extension> required : loaded.plugin().requiredExtensions()) {
                if (assembly.extensions(required).isEmpty()) {
                    throw new NodeStartException(loaded.label() + " requires a " + required.getSimpleName()
                            + " but no loaded plugin contributes one");
                }
            }
        }
    }

    /** The kernel's routes and every plugin's; a route two of them add fails the start. */
    private RouteTable routes(KernelRoutes kernelRoutes) {
        RouteTable routes = new RouteTable();
        try {
            kernelRoutes.addTo(routes.routerFor("kernel"));
            for (Contribution contribution : assembly.contributions()) {
                if (contribution.extension() instanceof HttpRoutes httpRoutes) {
                    httpRoutes.addRoutes(routes.routerFor("plugin '" + contribution.pluginId() + "'"));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new NodeStartException(e.getMessage(), e);
        }
        return routes;
    }

    private Map<String, Object> statusJson() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", kernelConfig.name());
        status.put("state", lifecycle.state().name());
        status.put("pluginApiVersion", PluginApi.VERSION);
        status.put("plugins", plugins().stream().map(p -> {
            Map<String, Object> plugin = new LinkedHashMap<>();
            plugin.put("id", p.id());
            plugin.put("version", p.version());
            plugin.put("source", p.source());
            plugin.put("extensions", extensionNamesOf(p.id()));
            plugin.put("contributions", contributionsOf(p.id()));
            return plugin;
        }).toList());
        return status;
    }

    /**
     * Each extension a plugin contributed, by point and by the extension's own name, which may say how it works
     * (chain-evm's bridge names the secp256k1 library it uses), in contribution order.
     */
    private List<ContributionView> contributionsOf(String pluginId) {
        return assembly.contributions().stream().filter(c -> c.pluginId().equals(pluginId))
                .map(c -> new ContributionView(c.point().getSimpleName(), c.extension().extensionName()))
                .toList();
    }

    /** One contribution as the status shows it; a record so that its keys keep this order. */
    private record ContributionView(String point, String name) {
    }

    /** The extension points a plugin contributed to, by simple name, sorted. */
    private List<String> extensionNamesOf(String pluginId) {
        return assembly.contributions().stream().filter(c -> c.pluginId().equals(pluginId))
                .map(c -> c.point().getSimpleName()).distinct().sorted().toList();
    }

    private String summary() {
        String pluginList = plugins.stream().map(p -> p.id() + " " + p.candidate().version())
                .collect(Collectors.joining(", "));
        Map<String, Long> extensions = assembly.contributions().stream().collect(Collectors.groupingBy(
                c -> c.point().getSimpleName(), TreeMap::new, Collectors.counting()));
        return "loaded " + plugins.size() + " plugin" + (plugins.size() == 1 ? "" : "s")
                + (plugins.isEmpty() ? "" : ": " + pluginList)
                + "; extensions: " + (extensions.isEmpty() ? "none" : extensions.entrySet().stream()
                .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")))
                + "; HTTP on " + httpAddress() + "; data in " + settings.dataDirectory().toAbsolutePath().normalize();
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + directory, e);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    /** Undoes everything acquired so far, newest first; a failing step is logged and the rest still run. */
    private void releaseAll() {
        while (!releases.isEmpty()) {
            Release release = releases.pop();
            try {
                release.action().run();
            } catch (Exception | LinkageError e) {
                LOG.error("node '{}': {} failed while stopping", name(), release.what(), e);
            }
        }
    }

    @Override
    public void close() {
        if (!lifecycle.moveToIfIn(NodeState.STARTED, NodeState.STOPPING)) {
            awaitClosedUninterruptibly();
            return;
        }
        LOG.info("node '{}' stopping", name());
        releaseAll();
        lifecycle.moveTo(NodeState.STOPPED);
        closed.countDown();
        LOG.info("node '{}' stopped", name());
    }

    private void awaitClosedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ContentService content() {
        return base.getInstance(ContentService.class);
    }

    @Override
    public List<ContentStore> contentStores() {
        return base.getInstance(KernelContentService.class).stores();
    }

    @Override
    public Optional<StateQueries> stateQueries() {
        return assembly == null ? Optional.empty() : assembly.stateStore().map(StateStore::queries);
    }

    @Override
    public boolean awaitApplied(long inboxIndex, Duration timeout) throws InterruptedException {
        return requirePipeline().awaitApplied(inboxIndex, timeout);
    }

    @Override
    public boolean replayState(Duration timeout) throws InterruptedException {
        return requirePipeline().replay(timeout);
    }

    private MessagePipeline requirePipeline() {
        return Optional.ofNullable(processing).flatMap(NodeProcessing::pipeline).orElseThrow(() ->
                new IllegalStateException("node '" + name() + "' processes no messages: no plugin contributes a "
                        + "StateStore"));
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public String name() {
        return kernelConfig == null ? "aleph4j" : kernelConfig.name();
    }

    @Override
    public NodeState state() {
        return lifecycle.state();
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public URI httpAddress() {
        return URI.create("http://" + kernelConfig.httpHost() + ":" + httpPort + "/");
    }

    @Override
    public Path dataDirectory() {
        return settings.dataDirectory();
    }

    @Override
    public List<PluginInfo> plugins() {
        return plugins.stream().map(LoadedPlugin::info).toList();
    }

    @Override
    public MessageLog log() {
        return log;
    }

    @Override
    public MessageIntake messageIntake() {
        return base.getInstance(MessageIntake.class);
    }

    /** The log with its kernel-only operations, for the kernel's own components and tests. */
    public ChronicleMessageLog messageLog() {
        return log;
    }
}
