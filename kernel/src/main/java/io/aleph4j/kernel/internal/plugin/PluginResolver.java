package io.aleph4j.kernel.internal.plugin;

import io.aleph4j.api.PluginApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pf4j.DefaultVersionManager;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginDescriptor;
import org.pf4j.VersionManager;

/**
 * Checks a set of plugin candidates before anything is loaded (unique ids, a plugin-api range that includes
 * this API, dependencies present in the right versions, no cycles) and orders them so that every plugin comes
 * after its dependencies.
 */
public final class PluginResolver {

    private final VersionManager versions = new DefaultVersionManager();
    private final String apiVersion;

    public PluginResolver() {
        this(PluginApi.VERSION);
    }

    PluginResolver(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    /**
     * @return the candidates in start order
     * @throws PluginLoadException naming the plugin(s) at fault
     */
    public List<PluginCandidate> resolve(List<PluginCandidate> candidates) {
        Map<String, PluginCandidate> byId = new HashMap<>();
        for (PluginCandidate candidate : candidates) {
            PluginCandidate previous = byId.putIfAbsent(candidate.id(), candidate);
            if (previous != null) {
                throw new PluginLoadException("two plugins have the id '" + candidate.id() + "': "
                        + previous.label() + " and " + candidate.label() + "; remove one");
            }
            checkApiRange(candidate);
        }
        DependencyResolver.Result result = new DependencyResolver(versions)
                .resolve(candidates.stream().map(PluginCandidate::descriptor).toList());
        if (result.hasCyclicDependency()) {
            throw new PluginLoadException("plugins depend on each other in a cycle: "
                    + candidates.stream().map(c -> c.id() + " -> " + c.dependencyIds())
                    .collect(Collectors.joining(", ")));
        }
        if (result.hasNotFoundDependencies()) {
            List<String> problems = new ArrayList<>();
            for (String missing : result.getNotFoundDependencies()) {
                for (PluginCandidate candidate : candidates) {
                    if (requiresDependency(candidate.descriptor(), missing)) {
                        problems.add(candidate.label() + " depends on plugin '" + missing + "', which is not loaded");
                    }
                }
            }
            throw new PluginLoadException(String.join("; ", problems));
        }
        if (result.hasWrongVersionDependencies()) {
            throw new PluginLoadException(result.getWrongVersionDependencies().stream()
                    .map(wrong -> byId.get(wrong.getDependentId()).label() + " needs plugin '"
                            + wrong.getDependencyId() + "' " + wrong.getRequiredVersion() + " but "
                            + wrong.getExistingVersion() + " is loaded")
                    .collect(Collectors.joining("; ")));
        }
        return result.getSortedPlugins().stream().map(byId::get).toList();
    }

    private static boolean requiresDependency(PluginDescriptor descriptor, String id) {
        return descriptor.getDependencies().stream()
                .anyMatch(dependency -> dependency.getPluginId().equals(id) && !dependency.isOptional());
    }

    private void checkApiRange(PluginCandidate candidate) {
        if (candidate.origin() instanceof PluginCandidate.Inline) {
            return; // compiled together with the embedding application against this very API
        }
        String requires = candidate.descriptor().getRequires();
        if (requires == null || requires.isBlank() || "*".equals(requires.strip())) {
            throw new PluginLoadException(candidate.label() + " declares no plugin-api range: set plugin.requires "
                    + "in its " + DescriptorFinder.FILE_NAME + " (e.g. >=0.1.0 & <0.2.0)");
        }
        boolean compatible;
        try {
            compatible = versions.checkVersionConstraint(apiVersion, requires);
        } catch (RuntimeException e) {
            throw new PluginLoadException(candidate.label() + " has an unreadable plugin.requires '" + requires
                    + "': " + e.getMessage(), e);
        }
        if (!compatible) {
            throw new PluginLoadException(candidate.label() + " requires plugin-api " + requires
                    + " but this node provides plugin-api " + apiVersion);
        }
    }

}
