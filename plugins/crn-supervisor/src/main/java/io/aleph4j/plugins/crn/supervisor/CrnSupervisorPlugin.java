package io.aleph4j.plugins.crn.supervisor;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.vm.VmRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The CRN supervisor: its own HTTP server (the reference's listens on 4020, apart from the CCN's API), programs
 * resolved from this node's messages and content, run on the node's {@link VmRuntime}s.
 */
public final class CrnSupervisorPlugin implements AlephPlugin {

    static final ConfigKey<String> HOST = ConfigKey.string("host", "127.0.0.1",
            "The address the supervisor's HTTP API listens on (the reference's SUPERVISOR_HOST).");
    static final ConfigKey<Integer> PORT = ConfigKey.integer("port", 4020,
            "The supervisor's HTTP port (the reference's SUPERVISOR_PORT); 0 picks a free one.");
    static final ConfigKey<Duration> REUSE_TIMEOUT = ConfigKey.duration("reuse-timeout", Duration.ofHours(1),
            "How long an on-demand program is kept after its last request (the reference's REUSE_TIMEOUT).");
    static final ConfigKey<List<String>> RUNTIMES = ConfigKey.stringList("runtimes", List.of(),
            "More runtime refs this CRN provides, as ref=name (the SDK's default Python runtime is always mapped).");

    static final ConfigKey<List<String>> ALLOCATION_SIGNERS = ConfigKey.stringList("allocation-signers",
            List.of("0x2937f62e5F81A88e921f883f8fE56ceCf4A4A44A"),
            "The addresses whose signed POST /control/allocations this CRN obeys (the reference's "
                    + "AUTHORIZED_ALLOCATION_SIGNERS; its default is the reference's scheduler).");
    static final ConfigKey<String> ALLOCATION_TOKEN_HASH = ConfigKey.string("allocation-token-hash",
            "151ba92f2eb90bce67e912af2f7a5c17d8654b3d29895b042107ea312a7eebda",
            "The hex sha256 of the legacy X-Auth-Signature allocation token (the reference's ALLOCATION_TOKEN_HASH); "
                    + "empty refuses that deprecated scheme.");
    static final ConfigKey<String> API_SERVER = ConfigKey.string("api-server", "",
            "The CCN this CRN asks for the messages it does not hold (the reference's API_SERVER), e.g. "
                    + "http://127.0.0.1:4024; empty: this node's own messages only.");
    static final ConfigKey<String> DOMAIN = ConfigKey.string("domain", "localhost",
            "This CRN's domain name, which owners' signed operations must name (the reference's DOMAIN_NAME).");

    private static final System.Logger LOG = System.getLogger(CrnSupervisorPlugin.class.getName());

    private ExecutionPool pool;
    private MessageTriggers triggers;
    private Server server;

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(HOST, PORT, REUSE_TIMEOUT, RUNTIMES, ALLOCATION_SIGNERS, ALLOCATION_TOKEN_HASH, DOMAIN,
                API_SERVER);
    }

    @Override
    public Set<Class<? extends Extension>> requiredExtensions() {
        return Set.of(StateStore.class);
    }

    @Override
    public void start(NodeContext context) throws Exception {
        RuntimeCatalog catalog;
        try {
            catalog = RuntimeCatalog.of(context.config().get(RUNTIMES));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("crn-supervisor.runtimes: " + e.getMessage(), e);
        }
        String apiServer = context.config().get(API_SERVER).strip();
        CcnMessages ccn;
        try {
            ccn = apiServer.isEmpty() ? CcnMessages.none()
                    : new CcnMessages(java.util.Optional.of(java.net.URI.create(apiServer)), context.messageIntake());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("crn-supervisor.api-server: '" + apiServer + "' is not a URL", e);
        }
        ProgramResolver resolver = new ProgramResolver(context.state(), context.content(),
                new CodeCache(context.dataDirectory().resolve("code")), catalog, ccn);
        pool = new ExecutionPool(resolver, context.extensions(VmRuntime.class),
                context.dataDirectory().resolve("executions"), context.config().get(REUSE_TIMEOUT), context.clock());
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("crn-http");
        // Each forwarded request blocks while its program answers: virtual threads make that cheap.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(context.config().get(HOST));
        connector.setPort(context.config().get(PORT));
        server.addConnector(connector);
        String version = getClass().getPackage().getImplementationVersion();
        String tokenHash = context.config().get(ALLOCATION_TOKEN_HASH).strip();
        ControlRoutes control = new ControlRoutes(pool, resolver, context.state(),
                new AllocationAuth(Set.copyOf(context.config().get(ALLOCATION_SIGNERS)),
                        tokenHash.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(tokenHash),
                        context.clock()),
                new OwnerAuth(context.config().get(DOMAIN), context.clock()));
        OperatorLogin login = OperatorLogin.create(context.dataDirectory().resolve("executions"));
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("host", context.config().get(HOST));
        settings.put("port", context.config().get(PORT));
        settings.put("reuse_timeout", context.config().get(REUSE_TIMEOUT).toString());
        settings.put("runtimes", catalog.all());
        settings.put("vm_runtimes", context.extensions(VmRuntime.class).stream().map(VmRuntime::id).toList());
        settings.put("allocation_signers", context.config().get(ALLOCATION_SIGNERS));
        settings.put("domain", context.config().get(DOMAIN));
        settings.put("api_server", apiServer);
        settings.put("data_directory", context.dataDirectory().toString());
        server.setHandler(new SupervisorHandler(pool, control, new SystemUsage(context.dataDirectory(),
                context.clock()), login, settings, context.clock(), version == null ? "dev" : version));
        server.start();
        triggers = new MessageTriggers(context.state(), pool);
        triggers.start(context.log());
        ExecutionPool restoring = pool;
        Thread.ofVirtual().name("crn-restore-allocations").start(() -> {
            ExecutionPool.Allocation restored = restoring.restoreAllocations();
            if (!restored.successful().isEmpty() || !restored.failing().isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "allocations restored: {0} running, {1} failing {2}",
                        restored.successful().size(), restored.failing().size(), restored.errors());
            }
        });
        LOG.log(System.Logger.Level.INFO, "CRN supervisor on http://{0}:{1,number,#}/ with runtimes {2}; the "
                        + "operator logs in at http://{0}:{1,number,#}/about/login?token={3}",
                connector.getHost(), connector.getLocalPort(),
                context.extensions(VmRuntime.class).stream().map(VmRuntime::id).toList(), login.token());
    }

    @Override
    public void stop() throws Exception {
        if (triggers != null) {
            triggers.close();
        }
        if (server != null) {
            server.stop();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
