package io.aleph4j.kernel.internal.plugin;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J over one plugins directory: it finds plugin jars and zips (unpacking zips beside themselves), reads
 * their descriptors and gives each an isolated class loader (plugin first, then its dependencies, then the
 * application). The kernel drives plugin lifecycles itself; PF4J's own start/stop and {@code org.pf4j.Plugin}
 * are not used, so plugins need no PF4J types.
 */
public final class DirectoryPlugins implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryPlugins.class);

    private final Path root;
    private final Manager manager;

    public DirectoryPlugins(Path root) {
        this.root = root;
        this.manager = new Manager(root);
    }

    /** Every plugin in the directory, described but not loaded. */
    public List<PluginCandidate> candidates() {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("plugins directory " + root + " does not exist");
        }
        List<PluginCandidate> candidates = new ArrayList<>();
        for (Path path : manager.pluginPaths()) {
            try {
                candidates.add(new PluginCandidate(manager.describe(path), "directory " + path,
                        new PluginCandidate.InDirectory(path)));
            } catch (PluginRuntimeException e) {
                throw new IllegalArgumentException("plugin at " + path + " has no readable "
                        + DescriptorFinder.FILE_NAME + ": " + e.getMessage(), e);
            }
        }
        return candidates;
    }

    /** Creates the class loader of a plugin from this directory. */
    public ClassLoader load(Path pluginPath) {
        return manager.load(pluginPath);
    }

    /** Closes every class loader created, releasing the plugin jars. */
    @Override
    public void close() {
        for (ClassLoader loader : manager.classLoaders()) {
            if (loader instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    LOG.warn("cannot close a plugin class loader", e);
                }
            }
        }
    }

    private static final class Manager extends DefaultPluginManager {

        Manager(Path root) {
            super(root);
        }

        @Override
        protected PluginDescriptorFinder createPluginDescriptorFinder() {
            return new DescriptorFinder();
        }

        List<Path> pluginPaths() {
            return pluginRepository.getPluginPaths();
        }

        org.pf4j.PluginDescriptor describe(Path path) {
            org.pf4j.PluginDescriptor descriptor = getPluginDescriptorFinder().find(path);
            validatePluginDescriptor(descriptor);
            return descriptor;
        }

        ClassLoader load(Path path) {
            return loadPluginFromPath(path).getPluginClassLoader();
        }

        List<ClassLoader> classLoaders() {
            return List.copyOf(getPluginClassLoaders().values());
        }
    }
}
