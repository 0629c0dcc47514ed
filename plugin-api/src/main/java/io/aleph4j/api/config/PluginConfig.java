package io.aleph4j.api.config;

/** A validated config section: every key it holds is declared, converted to its type, defaults applied. */
public interface PluginConfig {

    /** The section's name: the plugin id, or {@code node} for the kernel's own section. */
    String section();

    /**
     * The key's value, or its default when the section does not set it.
     *
     * @throws IllegalArgumentException when the key was not declared for this section
     */
    <T> T get(ConfigKey<T> key);
}
