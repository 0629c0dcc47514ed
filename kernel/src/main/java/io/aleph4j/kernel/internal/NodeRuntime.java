package io.aleph4j.kernel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.PluginApi;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.handler.ContentHandler;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.api.storage.StateQueries;
import io.aleph4j.api.storage.StateStore;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.kernel.Node;
import io.aleph4j.kernel.NodeStartException;
import io.aleph4j.kernel.NodeState;
import io.aleph4j.kernel.PluginInfo;
import io.aleph4j.kernel.internal.config.ConfigDocument;
import io.aleph4j.kernel.internal.config.ConfigSection;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.content.ContentCollector;
import io.aleph4j.kernel.internal.content.ContentPins;
import io.aleph4j.kernel.internal.handlers.ContentHandlers;
import io.aleph4j.kernel.internal.http.NodeHttpServer;
import io.aleph4j.kernel.internal.http.RouteTable;
import io.aleph4j.kernel.internal.http.StatusSocket;
import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import io.aleph4j.kernel.internal.metrics.CachedValue;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import io.aleph4j.kernel.internal.metrics.PrometheusText;
import io.aleph4j.kernel.internal.pipeline.KernelMessageIntake;
import io.aleph4j.kernel.internal.pipeline.MessagePipeline;
import io.aleph4j.kernel.internal.pipeline.MessageVerifier;
import io.aleph4j.kernel.internal.plugin.ClasspathPlugins;
import io.aleph4j.kernel.internal.plugin.DirectoryPlugins;
import io.aleph4j.kernel.internal.plugin.ExtensionRegistry;
import io.aleph4j.kernel.internal.plugin.PluginCandidate;
import io.aleph4j.kernel.internal.plugin.PluginInstantiator;
import io.aleph4j.kernel.internal.plugin.PluginLoadException;
import io.aleph4j.kernel.internal.plugin.PluginNodeContext;
import io.aleph4j.kernel.internal.plugin.PluginResolver;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDependency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: loads, orders, configures, registers and starts plugins over the message log and the HTTP
 * server, and undoes all of it, in reverse, on close or on a failed start.
 */
public final class NodeRuntime implements Node {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the builder chose. */
    public record Settings(Path dataDirectory, Optional<Path> configFile, ConfigDocument overrides,
                           Optional<Path> pluginsDirectory, boolean allClasspathPlugins,
                           Set<String> classpathPluginIds, List<InlinePlugin> inlinePlugins,
                           ClassLoader classLoader, Clock clock) {
    }

    /** A loaded plugin with its context. */
    private record LoadedPlugin(PluginCandidate candidate, AlephPlugin plugin, PluginNodeContext context) {
        PluginInfo info() {
            return new PluginInfo(candidate.id(), candidate.version(), candidate.source(), candidate.dependencyIds());
        }
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
    private final List<LoadedPlugin> plugins = new ArrayList<>();
    private KernelConfig kernelConfig;
    private ChronicleMessageLog log;
    private DirectoryPlugins directoryPlugins;
    private ExtensionRegistry registry;
    private int httpPort;
    private StateStore stateStore;
    private List<ContentStore> contentStores = List.of();
    /** The kernel's version, from its jar's manifest; {@code dev} when run from classes. */
    private static final String VERSION = java.util.Optional.ofNullable(
            NodeRuntime.class.getPackage().getImplementationVersion()).orElse("dev");
    private MessagePipeline pipeline;
    private NodeMetrics metrics;
    /** Counting messages by status reads the store: at most once per 10 s, as the reference caches it. */
    private final CachedValue<PrometheusText.Counts> referenceCounts = new CachedValue<>(Duration.ofSeconds(10),
            () -> PrometheusText.Counts.of(stateStore.queries()));
    private KernelMessageIntake intake;

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
            throw new NodeStartException("node did not start: " + e.getMessage(), e);
        }
        node.lifecycle.moveTo(NodeState.STARTED);
        return node;
    }

    private void startUp() {
        ConfigDocument config = readConfig();
        kernelConfig = KernelConfig.from(ConfigSection.validate(KernelConfig.SECTION, KernelConfig.KEYS,
                config.section(KernelConfig.SECTION)));
        createDirectory(settings.dataDirectory());

        List<PluginCandidate> ordered;
        try {
            ordered = new PluginResolver().resolve(findCandidates());
        } catch (PluginLoadException | IllegalArgumentException e) {
            throw new NodeStartException(e.getMessage(), e);
        }
        Set<String> sections = new HashSet<>();
        sections.add(KernelConfig.SECTION);
        ordered.forEach(candidate -> sections.add(candidate.id()));
        config.requireOnlySections(sections);

        log = new ChronicleMessageLog(settings.dataDirectory().resolve("log"), kernelConfig.name(),
                kernelConfig.logFsync());
        releases.push(new Release("message log", log::close));
        intake = new KernelMessageIntake(log, settings.clock());
        metrics = new NodeMetrics(VERSION);
        releases.push(new Release("metrics", metrics::close));

        registry = new ExtensionRegistry();
        Injector kernelInjector = Guice.createInjector(Stage.PRODUCTION,
                new KernelModule(kernelConfig, log, settings.clock(), registry));
        PluginInstantiator instantiator = new PluginInstantiator(kernelInjector);
        for (PluginCandidate candidate : ordered) {
            plugins.add(load(candidate, config, registry, instantiator));
        }

        for (LoadedPlugin loaded : plugins) {
            try {
                loaded.plugin().register(loaded.context());
            } catch (Exception e) {
                throw new NodeStartException(loaded.candidate().label() + " failed to register: " + describe(e), e);
            }
        }
        registry.seal();
        requireExtensions(registry);
        RouteTable routes = routes(registry);

        for (LoadedPlugin loaded : plugins) {
            try {
                loaded.plugin().start(loaded.context());
            } catch (Exception e) {
                throw new NodeStartException(loaded.candidate().label() + " failed to start: " + describe(e), e);
            }
            releases.push(new Release("stop of plugin '" + loaded.candidate().id() + "'", loaded.plugin()::stop));
        }

        startPipeline();

        NodeHttpServer server = new NodeHttpServer(kernelConfig.httpHost(), kernelConfig.httpPort(),
                kernelConfig.httpMaxRequestBytes(), routes, metrics);
        try {
            httpPort = server.start();
        } catch (RuntimeException e) {
            server.close();
            throw new NodeStartException("HTTP server cannot listen on " + kernelConfig.httpHost() + ":"
                    + kernelConfig.httpPort() + ": " + describe(e), e);
        }
        releases.push(new Release("HTTP server", server::close));
        LOG.info("node '{}' started: {}", kernelConfig.name(), summary(registry));
    }

    /** Starts the message pipeline over the state store a plugin contributed; without one, the node only logs. */
    private void startPipeline() {
        List<StateStore> stores = registry.extensions("kernel", StateStore.class);
        if (stores.isEmpty()) {
            LOG.info("no plugin contributes a StateStore: messages are logged but not processed");
            return;
        }
        if (stores.size() > 1) {
            throw new NodeStartException("more than one StateStore is contributed ("
                    + stores.stream().map(StateStore::extensionName).collect(Collectors.joining(", "))
                    + "); a node keeps its state in exactly one");
        }
        MessageVerifier verifier;
        try {
            verifier = new MessageVerifier(registry.extensions("kernel", ChainBridge.class));
        } catch (IllegalStateException e) {
            throw new NodeStartException(e.getMessage(), e);
        }
        stateStore = stores.getFirst();
        contentStores = registry.extensions("kernel", ContentStore.class);
        pipeline = new MessagePipeline(log, stateStore, verifier, contentStores,
                ContentHandlers.resolve(registry.extensions("kernel", ContentHandler.class)), settings.clock(),
                MessagePipeline.Settings.forThisMachine(), metrics);
        releases.push(new Release("message pipeline", pipeline::close));
        pipeline.start();
        intake.processingBy(pipeline, stateStore);
        if (!contentStores.isEmpty()) {
            ContentCollector collector = new ContentCollector(contentStores, stateStore.queries(),
                    kernelConfig.contentGracePeriod(), settings.clock());
            releases.push(new Release("content collector", collector::close));
            collector.start(kernelConfig.contentCollectEvery());
            ContentPins pins = new ContentPins(contentStores, stateStore.queries(),
                    settings.dataDirectory().resolve("content").resolve("pins-owed"));
            releases.push(new Release("content pin retries", pins::close));
            Subscription pinning = log.subscribeEvents("kernel-content-pins", StartFrom.EARLIEST,
                    (index, event) -> pins.onEvent(event));
            releases.push(new Release("content pins", pinning::close));
        }
    }

    private ConfigDocument readConfig() {
        ConfigDocument config = settings.configFile().map(ConfigDocument::read).orElseGet(ConfigDocument::empty);
        config.overlay(settings.overrides());
        return config;
    }

    private List<PluginCandidate> findCandidates() {
        List<PluginCandidate> candidates = new ArrayList<>();
        if (settings.allClasspathPlugins() || !settings.classpathPluginIds().isEmpty()) {
            List<PluginCandidate> onClasspath = ClasspathPlugins.find(settings.classLoader());
            Set<String> found = onClasspath.stream().map(PluginCandidate::id).collect(Collectors.toSet());
            for (String wanted : settings.classpathPluginIds()) {
                if (!found.contains(wanted)) {
                    throw new NodeStartException("no plugin '" + wanted + "' on the class path (found: "
                            + String.join(", ", new TreeSet<>(found)) + ")");
                }
            }
            onClasspath.stream()
                    .filter(c -> settings.allClasspathPlugins() || settings.classpathPluginIds().contains(c.id()))
                    .forEach(candidates::add);
        }
        if (settings.pluginsDirectory().isPresent()) {
            directoryPlugins = new DirectoryPlugins(settings.pluginsDirectory().get(),
                    settings.dataDirectory().resolve("plugins-unpacked"));
            releases.push(new Release("plugin class loaders", directoryPlugins::close));
            candidates.addAll(directoryPlugins.candidates());
        }
        for (InlinePlugin inline : settings.inlinePlugins()) {
            DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor(inline.id(), "",
                    inline.plugin().getClass().getName(), inline.version(), "*", "", "");
            inline.dependencies().forEach(dependency -> descriptor.addDependency(new PluginDependency(dependency)));
            candidates.add(new PluginCandidate(descriptor, "inline", new PluginCandidate.Inline(inline.plugin())));
        }
        return candidates;
    }

    private LoadedPlugin load(PluginCandidate candidate, ConfigDocument config, ExtensionRegistry registry,
                              PluginInstantiator instantiator) {
        DeferredConfig pluginConfig = new DeferredConfig(candidate.id());
        Path pluginData = settings.dataDirectory().resolve("plugins").resolve(candidate.id());
        PluginNodeContext context = new PluginNodeContext(candidate.id(), kernelConfig.name(), pluginConfig,
                pluginData, log, intake, settings.clock(), registry);
        AlephPlugin plugin;
        try {
            plugin = switch (candidate.origin()) {
                case PluginCandidate.Inline inline -> inline.instance();
                case PluginCandidate.OnClasspath classpath ->
                        instantiator.create(candidate, classpath.classLoader(), context);
                case PluginCandidate.InDirectory directory -> instantiator.create(candidate,
                        directoryPlugins.load(directory.pluginPath()), context);
            };
        } catch (PluginLoadException e) {
            throw new NodeStartException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new NodeStartException(candidate.label() + " cannot be loaded: " + describe(e), e);
        }
        try {
            pluginConfig.set(ConfigSection.validate(candidate.id(), plugin.configKeys(), config.section(candidate.id())));
        } catch (ConfigException e) {
            throw new NodeStartException(candidate.label() + " has a bad config: " + e.getMessage(), e);
        }
        createDirectory(pluginData);
        return new LoadedPlugin(candidate, plugin, context);
    }

    private void requireExtensions(ExtensionRegistry registry) {
        for (LoadedPlugin loaded : plugins) {
            for (Class<? extends Extension> required : loaded.plugin().requiredExtensions()) {
                if (!registry.has(required)) {
                    throw new NodeStartException(loaded.candidate().label() + " requires a " + required.getSimpleName()
                            + " but no loaded plugin contributes one");
                }
            }
        }
    }

    /** The reference's status JSON ({@code /metrics.json}, {@code /api/ws0/status}). */
    private String statusMetricsJson() {
        try {
            return JSON.writeValueAsString(PrometheusText.referenceStatusJson(VERSION,
                    stateStore == null ? null : referenceCounts.get()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the status map did not serialize", e);
        }
    }

    private RouteTable routes(ExtensionRegistry registry) {
        RouteTable routes = new RouteTable();
        routes.routerFor("kernel").get("/aleph4j/status", request -> HttpResponse.json(200, statusJson()));
        routes.routerFor("kernel").get("/metrics", request -> new HttpResponse(200, PrometheusText.CONTENT_TYPE,
                metricsText().getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of()));
        routes.routerFor("kernel").get("/metrics.json", request -> HttpResponse.json(200, statusMetricsJson()));
        StatusSocket statusSocket = new StatusSocket(this::statusMetricsJson, Duration.ofSeconds(10));
        releases.push(new Release("status websocket", statusSocket::close));
        routes.routerFor("kernel").websocket("/api/ws0/status", statusSocket);
        for (ExtensionRegistry.Contribution contribution : registry.all()) {
            if (contribution.extension() instanceof HttpRoutes httpRoutes) {
                try {
                    httpRoutes.addRoutes(routes.routerFor("plugin '" + contribution.pluginId() + "'"));
                } catch (IllegalArgumentException e) {
                    throw new NodeStartException(e.getMessage(), e);
                }
            }
        }
        return routes;
    }

    /** Micrometer's metrics, then the reference node's status lines, which other nodes and dashboards read. */
    private String metricsText() {
        StateStore store = stateStore;
        return metrics.scrape() + PrometheusText.referenceStatus(VERSION, store == null ? null : referenceCounts.get());
    }

    private String statusJson() throws IOException {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", kernelConfig.name());
        status.put("state", lifecycle.state().name());
        status.put("pluginApiVersion", PluginApi.VERSION);
        status.put("plugins", plugins().stream().map(p -> Map.of("id", p.id(), "version", p.version(),
                "source", p.source(), "extensions", extensionNamesOf(p.id()))).toList());
        return JSON.writeValueAsString(status);
    }

    /** The extension points a plugin contributed to, by simple name, sorted. */
    private List<String> extensionNamesOf(String pluginId) {
        return registry.all().stream().filter(c -> c.pluginId().equals(pluginId))
                .map(c -> c.point().getSimpleName()).sorted().toList();
    }

    private String summary(ExtensionRegistry registry) {
        String pluginList = plugins.stream().map(p -> p.candidate().id() + " " + p.candidate().version())
                .collect(Collectors.joining(", "));
        Map<String, Long> extensions = registry.all().stream().collect(Collectors.groupingBy(
                c -> c.point().getSimpleName(), java.util.TreeMap::new, Collectors.counting()));
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
    public List<ContentStore> contentStores() {
        return contentStores;
    }

    @Override
    public Optional<StateQueries> stateQueries() {
        return Optional.ofNullable(stateStore).map(StateStore::queries);
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
        if (pipeline == null) {
            throw new IllegalStateException("node '" + name() + "' processes no messages: no plugin contributes a "
                    + "StateStore");
        }
        return pipeline;
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
        return intake;
    }

    /** The log with its kernel-only operations, for the kernel's own components and tests. */
    public ChronicleMessageLog messageLog() {
        return log;
    }
}
