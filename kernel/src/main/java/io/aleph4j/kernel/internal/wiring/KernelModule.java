package io.aleph4j.kernel.internal.wiring;

import com.google.inject.AbstractModule;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.network.MessagePublisher;
import io.aleph4j.api.network.PeerDirectory;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.internal.config.DataDirectory;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.content.KernelContentService;
import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import io.aleph4j.kernel.internal.network.Gossip;
import io.aleph4j.kernel.internal.network.PeerDiscovery;
import io.aleph4j.kernel.internal.pipeline.AppliedIndex;
import io.aleph4j.kernel.internal.pipeline.IntakeParses;
import io.aleph4j.kernel.internal.pipeline.KernelMessageIntake;
import io.aleph4j.kernel.internal.state.StateAccess;
import java.time.Clock;

/**
 * The kernel's services, in the node's base injector: the parent of every plugin's injector, so that a plugin's
 * classes can receive the ones plugin-api names ({@link Clock}, {@link MessageLog}, {@link MessageIntake},
 * {@link StateQueries}, {@link ContentService}). {@link StateAccess} and {@link KernelContentService} get their
 * extensions attached when the node assembles ({@link ExtensionsModule}).
 */
public final class KernelModule extends AbstractModule {

    private final KernelConfig config;
    private final Clock clock;
    private final ChronicleMessageLog log;
    private final NodeMetrics metrics;
    private final DataDirectory dataDirectory;

    public KernelModule(KernelConfig config, DataDirectory dataDirectory, Clock clock, ChronicleMessageLog log,
                        NodeMetrics metrics) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    protected void configure() {
        bind(KernelConfig.class).toInstance(config);
        bind(DataDirectory.class).toInstance(dataDirectory);
        bind(Clock.class).toInstance(clock);
        bind(ChronicleMessageLog.class).toInstance(log);
        bind(MessageLog.class).toInstance(log);
        bind(NodeMetrics.class).toInstance(metrics);
        bind(AppliedIndex.class);
        bind(IntakeParses.class);
        bind(StateAccess.class);
        bind(KernelContentService.class);
        bind(MessageIntake.class).to(KernelMessageIntake.class);
        bind(StateQueries.class).to(StateAccess.class);
        bind(ContentService.class).to(KernelContentService.class);
        bind(Gossip.class);
        bind(MessagePublisher.class).to(Gossip.class);
        bind(PeerDiscovery.class);
        bind(PeerDirectory.class).to(PeerDiscovery.class);
    }
}
