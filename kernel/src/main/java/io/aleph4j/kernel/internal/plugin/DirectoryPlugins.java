package io.aleph4j.kernel.internal.plugin;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J over one plugins directory: it finds plugin jars and zips, reads their descriptors and gives each an
 * isolated class loader (plugin first, then its dependencies, then the application). PF4J unpacks zips beside
 * themselves, so the plugins are first copied into a working directory under the node's data directory: the
 * installation's plugins directory stays untouched (it may be read-only, or shared by several nodes). The
 * kernel drives plugin lifecycles itself; PF4J's own start/stop and {@code org.pf4j.Plugin} are not used, so
 * plugins need no PF4J types.
 */
public final class DirectoryPlugins implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryPlugins.class);

    private final Path root;
    private final Path workDirectory;
    private final Manager manager;

    /**
     * @param root          the plugins directory as installed
     * @param workDirectory where its plugins are copied and unpacked; emptied first
     */
    public DirectoryPlugins(Path root, Path workDirectory) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("plugins directory " + root + " does not exist");
        }
        this.root = root;
        this.workDirectory = workDirectory;
        copyPlugins(root, workDirectory);
        this.manager = new Manager(workDirectory);
    }

    /** Every plugin in the directory, described but not loaded. */
    public List<PluginCandidate> candidates() {
        List<PluginCandidate> candidates = new ArrayList<>();
        for (Path path : manager.pluginPaths()) {
            Path installed = root.resolve(workDirectory.relativize(path).toString());
            try {
                candidates.add(new PluginCandidate(manager.describe(path), "directory " + installed,
                        new PluginCandidate.InDirectory(path)));
            } catch (PluginRuntimeException e) {
                throw new IllegalArgumentException("plugin at " + path + " has no readable "
                        + DescriptorFinder.FILE_NAME + ": " + e.getMessage(), e);
            }
        }
        return candidates;
    }

    private static void copyPlugins(Path root, Path workDirectory) {
        try {
            deleteRecursively(workDirectory);
            Files.createDirectories(workDirectory);
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path source : entries.toList()) {
                    Path target = workDirectory.resolve(root.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy plugins from " + root + " to " + workDirectory, e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
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
