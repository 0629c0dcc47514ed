package io.aleph4j.kernel.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartOrderTest {

    private record Plugin(String id, List<Class<?>> requires) {
    }

    private interface StateStore {
    }

    private interface VmRuntime {
    }

    @Test
    void aPluginRequiringAnExtensionStartsAfterEveryPluginContributingToIt() {
        Plugin scheduler = new Plugin("scheduler", List.of(StateStore.class));
        Plugin supervisor = new Plugin("crn-supervisor", List.of(StateStore.class, VmRuntime.class));
        Plugin wasm = new Plugin("vm-wasm", List.of());
        Plugin sqlite = new Plugin("state-sqlite", List.of());
        Map<Class<?>, Set<String>> providers = Map.of(StateStore.class, Set.of("state-sqlite"),
                VmRuntime.class, Set.of("vm-wasm"));

        List<Plugin> order = StartOrder.of(List.of(scheduler, supervisor, wasm, sqlite), Plugin::id,
                Plugin::requires, providers);

        assertThat(order.indexOf(sqlite)).isLessThan(order.indexOf(scheduler)).isLessThan(order.indexOf(supervisor));
        assertThat(order.indexOf(wasm)).isLessThan(order.indexOf(supervisor));
        assertThat(order).hasSize(4);
    }

    @Test
    void pluginsWithoutRequirementsKeepTheirLoadOrderAndACycleDoesNotLoseAnyone() {
        Plugin a = new Plugin("a", List.of(VmRuntime.class));
        Plugin b = new Plugin("b", List.of(StateStore.class));
        Plugin c = new Plugin("c", List.of());
        Map<Class<?>, Set<String>> providers = Map.of(StateStore.class, Set.of("a"), VmRuntime.class, Set.of("b"));

        List<Plugin> order = StartOrder.of(List.of(a, b, c), Plugin::id, Plugin::requires, providers);

        assertThat(order).containsExactlyInAnyOrder(a, b, c);
        assertThat(StartOrder.of(List.of(c, new Plugin("d", List.of())), Plugin::id, Plugin::requires, Map.of()))
                .extracting(Plugin::id).containsExactly("c", "d");
    }
}
