package io.aleph4j.kernel.internal;

import com.google.inject.AbstractModule;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.plugin.ExtensionRegistry;
import java.time.Clock;

/** The kernel's services, the parent of every plugin's child injector. */
final class KernelModule extends AbstractModule {

    private final KernelConfig config;
    private final MessageLog log;
    private final Clock clock;
    private final ExtensionRegistry registry;

    KernelModule(KernelConfig config, MessageLog log, Clock clock, ExtensionRegistry registry) {
        this.config = config;
        this.log = log;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(KernelConfig.class).toInstance(config);
        bind(MessageLog.class).toInstance(log);
        bind(Clock.class).toInstance(clock);
        bind(ExtensionRegistry.class).toInstance(registry);
    }
}
