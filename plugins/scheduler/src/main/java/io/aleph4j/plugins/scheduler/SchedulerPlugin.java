package io.aleph4j.plugins.scheduler;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.state.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The CCN's scheduler (seed steps 3–6): every {@code every}, the persistent programs this node holds are placed on
 * the CRNs the {@code corechannel} registry links to this CCN ({@code node-hash}), and each is sent its set with a
 * signed {@code POST /control/allocations}. The reference's scheduler is one closed service run by Aleph; here each
 * CCN schedules for its own CRNs, deterministically, so that CCNs holding the same messages agree.
 */
public final class SchedulerPlugin implements AlephPlugin {

    static final ConfigKey<String> REGISTRY_OWNER = ConfigKey.string("registry-owner",
            "0xa1B3bb7d2332383D96b7796B908fB7f7F3c2Be10",
            "Who publishes the corechannel aggregate, the node registry (the reference's aleph-nodestatus account).");
    static final ConfigKey<String> NODE_HASH = ConfigKey.string("node-hash", "",
            "This CCN's hash in the registry: the CRNs linked to it are the ones it schedules on (empty: none).");
    static final ConfigKey<Duration> EVERY = ConfigKey.duration("every", Duration.ofSeconds(60),
            "How often the plan is made and sent to the CRNs.");
    static final ConfigKey<String> KEY_FILE = ConfigKey.string("key-file", "",
            "The file of the secp256k1 key that signs allocations (hex; made on first start; default: "
                    + "scheduler.key in the plugin's data directory). CRNs list its address as an allocation signer.");

    private static final System.Logger LOG = System.getLogger(SchedulerPlugin.class.getName());

    private ScheduledExecutorService ticks;
    private CrnClient crns;

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(REGISTRY_OWNER, NODE_HASH, EVERY, KEY_FILE);
    }

    @Override
    public Set<Class<? extends Extension>> requiredExtensions() {
        return Set.of(StateStore.class);
    }

    @Override
    public void start(NodeContext context) throws Exception {
        SchedulerConfig config = SchedulerConfig.from(context.config(), context.dataDirectory());
        AllocationSigner signer = AllocationSigner.fromFile(config.keyFile());
        if (config.nodeHash().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "scheduler.node-hash is not set: this CCN schedules no program "
                    + "(allocations would be signed by {0})", signer.address());
            return;
        }
        crns = new CrnClient(signer, context.clock());
        SchedulerLoop loop = new SchedulerLoop(context.state(), config, crns);
        ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("scheduler").factory());
        // The first round one period after start: plugins start one after the other, the state store maybe after this.
        ticks.scheduleWithFixedDelay(loop, config.every().toMillis(), config.every().toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "scheduling persistent programs for CCN {0} every {1}, allocations signed "
                + "by {2}", config.nodeHash(), config.every(), signer.address());
    }

    @Override
    public void stop() throws Exception {
        if (ticks != null) {
            ticks.shutdownNow();
            ticks.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (crns != null) {
            crns.close();
        }
    }
}
