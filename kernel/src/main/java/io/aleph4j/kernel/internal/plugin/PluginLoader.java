package io.aleph4j.kernel.internal.plugin;

import com.google.inject.Injector;
import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.kernel.NodeStartException;
import io.aleph4j.kernel.internal.config.ConfigDocument;
import io.aleph4j.kernel.internal.config.ConfigSection;
import io.aleph4j.kernel.internal.config.KernelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDependency;

/**
 * Loading, the first of a start's concerns: finds the plugins (class path, plugins directory, inline), checks them
 * together and orders them ({@link PluginResolver}), creates each entry object in its own injector with its context,
 * and validates each one's config section against the keys it declares.
 */
public final class PluginLoader {

    /** Where plugins are looked for. */
    public record Sources(Optional<Path> pluginsDirectory, boolean allClasspathPlugins, Set<String> classpathPluginIds,
                          List<InlinePlugin> inlinePlugins, ClassLoader classLoader) {
    }

    private final Sources sources;
    private final Path dataDirectory;
    private final KernelConfig kernelConfig;
    private final Injector base;
    private final NodeExtensions extensions;
    /** The plugins directory's loader, once opened. */
    private DirectoryPlugins directory;

    public PluginLoader(Sources sources, Path dataDirectory, KernelConfig kernelConfig, Injector base,
                        NodeExtensions extensions) {
        this.sources = sources;
        this.dataDirectory = dataDirectory;
        this.kernelConfig = kernelConfig;
        this.base = base;
        this.extensions = extensions;
    }

    /**
     * @param onDirectoryOpened told of the plugins directory's class loaders as soon as they exist, so that they
     *                          are closed even when a later plugin fails to load
     * @return the loaded plugins in start order
     * @throws NodeStartException naming the plugin at fault
     */
    public List<LoadedPlugin> load(ConfigDocument config, Consumer<DirectoryPlugins> onDirectoryOpened) {
        List<PluginCandidate> ordered;
        try {
            ordered = new PluginResolver().resolve(findCandidates(onDirectoryOpened));
        } catch (PluginLoadException | IllegalArgumentException e) {
            throw new NodeStartException(e.getMessage(), e);
        }
        Set<String> sections = new HashSet<>();
        sections.add(KernelConfig.SECTION);
        ordered.forEach(candidate -> sections.add(candidate.id()));
        config.requireOnlySections(sections);
        PluginInstantiator instantiator = new PluginInstantiator(base);
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (PluginCandidate candidate : ordered) {
            loaded.add(load(candidate, config, instantiator));
        }
        return loaded;
    }

    private List<PluginCandidate> findCandidates(Consumer<DirectoryPlugins> onDirectoryOpened) {
        List<PluginCandidate> candidates = new ArrayList<>();
        if (sources.allClasspathPlugins() || !sources.classpathPluginIds().isEmpty()) {
            List<PluginCandidate> onClasspath = ClasspathPlugins.find(sources.classLoader());
            Set<String> found = onClasspath.stream().map(PluginCandidate::id).collect(Collectors.toSet());
            for (String wanted : sources.classpathPluginIds()) {
                if (!found.contains(wanted)) {
                    throw new NodeStartException("no plugin '" + wanted + "' on the class path (found: "
                            + String.join(", ", new TreeSet<>(found)) + ")");
                }
            }
            onClasspath.stream()
                    .filter(c -> sources.allClasspathPlugins() || sources.classpathPluginIds().contains(c.id()))
                    .forEach(candidates::add);
        }
        if (sources.pluginsDirectory().isPresent()) {
            directory = new DirectoryPlugins(sources.pluginsDirectory().get(), dataDirectory.resolve("plugins-unpacked"));
            onDirectoryOpened.accept(directory);
            candidates.addAll(directory.candidates());
        }
        for (InlinePlugin inline : sources.inlinePlugins()) {
            DefaultPluginDescriptor descriptor = new DefaultPluginDescriptor(inline.id(), "",
                    inline.plugin().getClass().getName(), inline.version(), "*", "", "");
            inline.dependencies().forEach(dependency -> descriptor.addDependency(new PluginDependency(dependency)));
            candidates.add(new PluginCandidate(descriptor, "inline", new PluginCandidate.Inline(inline.plugin())));
        }
        return candidates;
    }

    private LoadedPlugin load(PluginCandidate candidate, ConfigDocument config, PluginInstantiator instantiator) {
        DeferredConfig pluginConfig = new DeferredConfig(candidate.id());
        Path pluginData = dataDirectory.resolve("plugins").resolve(candidate.id());
        PluginContext context = new PluginContext(candidate.id(), kernelConfig.name(), pluginConfig, pluginData,
                base.getInstance(Clock.class), base.getInstance(MessageLog.class),
                base.getInstance(MessageIntake.class), base.getInstance(StateQueries.class),
                base.getInstance(ContentService.class), extensions);
        PluginInstantiator.Entry entry;
        try {
            entry = switch (candidate.origin()) {
                case PluginCandidate.Inline inline -> instantiator.adopt(inline.instance(), context);
                case PluginCandidate.OnClasspath classpath ->
                        instantiator.create(candidate, classpath.classLoader(), context);
                case PluginCandidate.InDirectory inDirectory -> instantiator.create(candidate,
                        directory.load(inDirectory.pluginPath()), context);
            };
        } catch (PluginLoadException e) {
            throw new NodeStartException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new NodeStartException(candidate.label() + " cannot be loaded: " + describe(e), e);
        }
        try {
            pluginConfig.set(ConfigSection.validate(candidate.id(), entry.plugin().configKeys(),
                    config.section(candidate.id())));
        } catch (ConfigException e) {
            throw new NodeStartException(candidate.label() + " has a bad config: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(pluginData);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + pluginData, e);
        }
        return new LoadedPlugin(candidate, entry.plugin(), context, entry.injector());
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }
}
