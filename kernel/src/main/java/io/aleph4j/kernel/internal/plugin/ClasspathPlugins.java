package io.aleph4j.kernel.internal.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.pf4j.PluginDescriptor;

/** Finds plugins on the application's class path by their {@code aleph4j-plugin.properties} resources. */
public final class ClasspathPlugins {

    private ClasspathPlugins() {
    }

    public static List<PluginCandidate> find(ClassLoader classLoader) {
        DescriptorFinder finder = new DescriptorFinder();
        List<PluginCandidate> candidates = new ArrayList<>();
        try {
            for (URL url : Collections.list(classLoader.getResources(DescriptorFinder.FILE_NAME))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                PluginDescriptor descriptor = finder.fromProperties(properties);
                if (descriptor.getPluginId() == null || descriptor.getPluginId().isBlank()
                        || descriptor.getVersion() == null) {
                    throw new IllegalArgumentException(url + " needs plugin.id and plugin.version");
                }
                candidates.add(new PluginCandidate(descriptor, "classpath " + sourceOf(url),
                        new PluginCandidate.OnClasspath(classLoader)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin descriptors from the class path", e);
        }
        return candidates;
    }

    private static String sourceOf(URL url) {
        String text = url.toString();
        int bang = text.indexOf("!/");
        if (bang > 0) {
            text = text.substring(0, bang);
        } else if (text.endsWith(DescriptorFinder.FILE_NAME)) {
            text = text.substring(0, text.length() - DescriptorFinder.FILE_NAME.length());
        }
        return text;
    }
}
