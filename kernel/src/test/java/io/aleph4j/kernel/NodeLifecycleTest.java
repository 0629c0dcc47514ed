package io.aleph4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NodeLifecycleTest {

    @TempDir
    Path dataDirectory;

    private NodeBuilder builder() {
        return Aleph4j.node().dataDirectory(dataDirectory).set("node", "http.port", 0).set("node", "log.fsync", false);
    }

    @Test
    void pluginsStartAfterTheirDependenciesAndStopInReverse() {
        List<String> journal = new CopyOnWriteArrayList<>();
        Node node = builder()
                .plugin(InlinePlugin.of("api", new RecordingPlugin("api", journal), "store", "chain"))
                .plugin(InlinePlugin.of("store", new RecordingPlugin("store", journal)))
                .plugin(InlinePlugin.of("chain", new RecordingPlugin("chain", journal), "store"))
                .start();

        assertThat(node.state()).isEqualTo(NodeState.STARTED);
        assertThat(node.plugins()).extracting(PluginInfo::id).containsExactly("store", "chain", "api");
        node.close();

        assertThat(node.state()).isEqualTo(NodeState.STOPPED);
        assertThat(journal).containsExactly("start store", "start chain", "start api",
                "stop api", "stop chain", "stop store");
    }

    @Test
    void aPluginWhoseStartThrowsFailsTheNodeByNameAndTheStartedOnesAreStopped() {
        List<String> journal = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> builder()
                .plugin(InlinePlugin.of("store", new RecordingPlugin("store", journal)))
                .plugin(InlinePlugin.of("broken", new RecordingPlugin("broken", journal, true), "store"))
                .start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("plugin 'broken'")
                .hasMessageContaining("failed to start: database unreachable");

        assertThat(journal).containsExactly("start store", "stop store");
    }

    @Test
    void closingTwiceIsHarmless() {
        Node node = builder().start();
        node.close();
        node.close();
        assertThat(node.state()).isEqualTo(NodeState.STOPPED);
    }

    @Test
    void aMissingDependencyIsNamedWithTheDependentPlugin() {
        assertThatThrownBy(() -> builder()
                .plugin(InlinePlugin.of("api", new RecordingPlugin("api", List.of()), "store"))
                .start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("plugin 'api'")
                .hasMessageContaining("depends on plugin 'store', which is not loaded");
    }

    @Test
    void cyclicDependenciesAreRefused() {
        assertThatThrownBy(() -> builder()
                .plugin(InlinePlugin.of("a", new RecordingPlugin("a", List.of()), "b"))
                .plugin(InlinePlugin.of("b", new RecordingPlugin("b", List.of()), "a"))
                .start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void twoPluginsWithTheSameIdAreRefusedNamingBoth() {
        assertThatThrownBy(() -> builder()
                .plugin(InlinePlugin.of("twin", new RecordingPlugin("twin", List.of())))
                .plugin(InlinePlugin.of("twin", new RecordingPlugin("twin", List.of())))
                .start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("two plugins have the id 'twin'");
    }

    @Test
    void anUnknownKeyInAPluginSectionFailsTheStartNamingTheKey() {
        AlephPlugin configurable = new AlephPlugin() {
            @Override
            public List<ConfigKey<?>> configKeys() {
                return List.of(ConfigKey.string("greeting", "hi", "What to say."));
            }
        };

        assertThatThrownBy(() -> builder()
                .plugin(InlinePlugin.of("hello", configurable))
                .configYaml("hello:\n  greetin: hey\n")
                .start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("plugin 'hello'")
                .hasMessageContaining("unknown config key 'hello.greetin'");
    }

    @Test
    void anUnknownKeyInTheNodeSectionFailsTheStart() {
        assertThatThrownBy(() -> builder().set("node", "http.prot", 1).start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("unknown config key 'node.http.prot'");
    }

    @Test
    void aSectionForAPluginThatIsNotLoadedFailsTheStart() {
        assertThatThrownBy(() -> builder().configYaml("chain-evm:\n  rpc: x\n").start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("config section 'chain-evm' matches no loaded plugin");
    }

    @Test
    void aPluginSeesItsValidatedConfigAndOthersExtensionsAtStart() {
        ConfigKey<String> greeting = ConfigKey.string("greeting", "hi", "What to say.");
        List<String> seen = new CopyOnWriteArrayList<>();
        AlephPlugin provider = new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.extension(MarkerPoint.class, new MarkerPoint() { });
            }
        };
        AlephPlugin consumer = new AlephPlugin() {
            @Override
            public List<ConfigKey<?>> configKeys() {
                return List.of(greeting);
            }

            @Override
            public Set<Class<? extends Extension>> requiredExtensions() {
                return Set.of(MarkerPoint.class);
            }

            @Override
            public void start(NodeContext context) {
                seen.add(context.config().get(greeting));
                seen.add("markers=" + context.extensions(MarkerPoint.class).size());
            }
        };

        try (Node ignored = builder()
                .plugin(InlinePlugin.of("consumer", consumer))
                .plugin(InlinePlugin.of("provider", provider))
                .set("consumer", "greeting", "hey")
                .start()) {
            assertThat(seen).containsExactly("hey", "markers=1");
        }
    }

    @Test
    void aRequiredExtensionNobodyContributesFailsTheStartNamingPluginAndType() {
        AlephPlugin needy = new AlephPlugin() {
            @Override
            public Set<Class<? extends Extension>> requiredExtensions() {
                return Set.of(StateStore.class);
            }
        };

        assertThatThrownBy(() -> builder().plugin(InlinePlugin.of("api", needy)).start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("plugin 'api'")
                .hasMessageContaining("requires a StateStore but no loaded plugin contributes one");
    }

    @Test
    void lookingUpExtensionsDuringRegisterIsRefusedWithAHint() {
        AlephPlugin early = new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.context().extensions(StateStore.class);
            }
        };

        assertThatThrownBy(() -> builder().plugin(InlinePlugin.of("early", early)).start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("failed to register")
                .hasMessageContaining("look extensions up from AlephPlugin.start");
    }

    @Test
    void aClasspathPluginThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> builder().classpathPlugins("nope").start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("no plugin 'nope' on the class path");
    }

    @Test
    void aBusyPortFailsTheStartAndReleasesTheLog() {
        try (Node first = builder().start()) {
            Path otherData = dataDirectory.resolve("other");
            assertThatThrownBy(() -> Aleph4j.node().dataDirectory(otherData)
                    .set("node", "http.port", first.httpPort()).start())
                    .isInstanceOf(NodeStartException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.httpPort());
        }
    }

    /** An extension point for tests. */
    interface MarkerPoint extends Extension {
    }
}
