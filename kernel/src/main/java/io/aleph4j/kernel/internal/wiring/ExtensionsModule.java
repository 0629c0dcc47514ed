package io.aleph4j.kernel.internal.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Providers;
import io.aleph4j.api.Extension;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.content.ContentSource;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.DidMethod;
import io.aleph4j.api.incubating.Indexer;
import io.aleph4j.api.vm.VmRuntime;
import io.aleph4j.api.network.Transport;
import io.aleph4j.api.state.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's extension points, each a Guice {@link Multibinder} set of what the plugins contributed, in plugin start
 * order: the kernel's components receive {@code Set<ChainBridge>}, {@code Set<ContentStore>}... from here. Every
 * point plugin-api defines has a set, empty when nothing contributes to it; a point a plugin defines itself gets one
 * when contributed to.
 */
final class ExtensionsModule extends AbstractModule {

    /** The extension points plugin-api defines. */
    static final List<Class<? extends Extension>> KNOWN_POINTS = List.of(ChainBridge.class, StateStore.class,
            ContentStore.class, ContentSource.class, HttpRoutes.class, ContentHandler.class, Transport.class,
            DidMethod.class, Indexer.class, VmRuntime.class);

    private final List<Contribution> contributions;

    ExtensionsModule(List<Contribution> contributions) {
        this.contributions = List.copyOf(contributions);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void configure() {
        Map<Class<? extends Extension>, Multibinder> sets = new LinkedHashMap<>();
        for (Class<? extends Extension> point : KNOWN_POINTS) {
            sets.put(point, Multibinder.newSetBinder(binder(), point));
        }
        for (Contribution contribution : contributions) {
            Multibinder set = sets.computeIfAbsent(contribution.point(),
                    point -> Multibinder.newSetBinder(binder(), point));
            // A provider, not toInstance: the extension was built (and injected) by its plugin's injector already.
            set.addBinding().toProvider(Providers.of(contribution.extension()));
        }
    }
}
