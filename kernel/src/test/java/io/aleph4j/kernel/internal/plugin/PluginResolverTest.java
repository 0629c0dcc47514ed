package io.aleph4j.kernel.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDependency;

final class PluginResolverTest {

    private final PluginResolver resolver = new PluginResolver("0.3.1");

    private static PluginCandidate candidate(String id, String requires, String... dependencies) {
        DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor(id, "", "x.Plugin", "1.0.0", requires, "", "");
        for (String dependency : dependencies) {
            descriptor.addDependency(new PluginDependency(dependency));
        }
        return new PluginCandidate(descriptor, "test", new PluginCandidate.OnClasspath(PluginResolverTest.class.getClassLoader()));
    }

    @Test
    void aRangeThatIncludesTheApiVersionIsAccepted() {
        assertThat(resolver.resolve(List.of(candidate("a", ">=0.3.0 & <0.4.0")))).extracting(PluginCandidate::id)
                .containsExactly("a");
    }

    @Test
    void aRangeThatExcludesTheApiVersionIsRefusedNamingBoth() {
        assertThatThrownBy(() -> resolver.resolve(List.of(candidate("a", ">=0.1.0 & <0.2.0"))))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("plugin 'a'")
                .hasMessageContaining("requires plugin-api >=0.1.0 & <0.2.0 but this node provides plugin-api 0.3.1");
    }

    @Test
    void anUnreadableRangeIsRefusedWithTheText() {
        assertThatThrownBy(() -> resolver.resolve(List.of(candidate("a", "about one"))))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("unreadable plugin.requires 'about one'");
    }

    @Test
    void aDependencyInTheWrongVersionIsNamed() {
        assertThatThrownBy(() -> resolver.resolve(List.of(candidate("store", ">=0.3.0"),
                candidate("api", ">=0.3.0", "store@>=2.0.0"))))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("plugin 'api'")
                .hasMessageContaining("needs plugin 'store' >=2.0.0 but 1.0.0 is loaded");
    }

    @Test
    void anOptionalDependencyThatIsAbsentIsFine() {
        assertThat(resolver.resolve(List.of(candidate("api", ">=0.3.0", "store?")))).hasSize(1);
    }
}
