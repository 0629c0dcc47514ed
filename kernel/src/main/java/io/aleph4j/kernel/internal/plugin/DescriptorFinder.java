package io.aleph4j.kernel.internal.plugin;

import java.util.Properties;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * Reads plugin descriptors: {@code aleph4j-plugin.properties} with PF4J's keys ({@code plugin.id},
 * {@code plugin.version}, {@code plugin.class}, {@code plugin.requires}, {@code plugin.dependencies}...), at
 * the root of a plugin jar, of an unpacked plugin zip, or of a classpath entry. A dedicated name keeps
 * classpath discovery from picking up other libraries' {@code plugin.properties}.
 */
public final class DescriptorFinder extends PropertiesPluginDescriptorFinder {

    public static final String FILE_NAME = "aleph4j-plugin.properties";

    public DescriptorFinder() {
        super(FILE_NAME);
    }

    /** A descriptor from properties already read (classpath resources). */
    public PluginDescriptor fromProperties(Properties properties) {
        return createPluginDescriptor(properties);
    }
}
