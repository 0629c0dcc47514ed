package io.aleph4j.kernel.internal.wiring;

import com.google.inject.CreationException;
import com.google.inject.Injector;
import io.aleph4j.api.Extension;
import io.aleph4j.api.content.ContentSource;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.network.Transport;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.kernel.internal.content.KernelContentService;
import io.aleph4j.kernel.internal.network.Gossip;
import io.aleph4j.kernel.internal.pipeline.KernelMessageIntake;
import io.aleph4j.kernel.internal.pipeline.MessageVerifier;
import io.aleph4j.kernel.internal.plugin.NodeExtensions;
import io.aleph4j.kernel.internal.state.StateAccess;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The node once every plugin's extensions are built: the injector that holds the extension points' sets (a child of
 * the kernel's base injector), with the kernel's state and content services attached to what was contributed.
 */
public final class NodeAssembly {

    private final Injector injector;
    private final List<Contribution> contributions;

    private NodeAssembly(Injector injector, List<Contribution> contributions) {
        this.injector = injector;
        this.contributions = contributions;
    }

    /**
     * @throws WiringException when the node cannot be assembled (more than one state store, say)
     */
    public static NodeAssembly assemble(Injector base, List<Contribution> contributions, NodeExtensions extensions) {
        Injector injector;
        try {
            injector = base.createChildInjector(new ExtensionsModule(contributions));
        } catch (CreationException e) {
            throw new WiringException("the node's extensions cannot be gathered: " + e.getMessage(), e);
        }
        NodeAssembly assembly = new NodeAssembly(injector, List.copyOf(contributions));
        List<StateStore> stores = assembly.extensions(StateStore.class);
        if (stores.size() > 1) {
            throw new WiringException("more than one StateStore is contributed ("
                    + stores.stream().map(StateStore::extensionName).collect(Collectors.joining(", "))
                    + "); a node keeps its state in exactly one");
        }
        base.getInstance(StateAccess.class).attach(stores.stream().findFirst());
        base.getInstance(KernelContentService.class).attach(assembly.extensions(ContentStore.class),
                assembly.extensions(ContentSource.class));
        base.getInstance(KernelMessageIntake.class).attach(injector.getInstance(MessageVerifier.class));
        base.getInstance(Gossip.class).attach(assembly.extensions(Transport.class));
        extensions.assembled(injector);
        return assembly;
    }

    /** The contributions to one point, in plugin start order. */
    public <T extends Extension> List<T> extensions(Class<T> point) {
        return NodeExtensions.of(injector, point);
    }

    /** The node's one state store, when a plugin contributes one. */
    public Optional<StateStore> stateStore() {
        return extensions(StateStore.class).stream().findFirst();
    }

    /** Every contribution with the plugin it came from, in plugin start order. */
    public List<Contribution> contributions() {
        return contributions;
    }

    /** A kernel component built in the assembled injector, receiving the extension points' sets. */
    public <T> T kernelComponent(Class<T> type) {
        return injector.getInstance(type);
    }
}
