package io.aleph4j.kernel.internal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aleph4j.api.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The node config as read from YAML: top-level sections ({@code node} for the kernel, then one per plugin id),
 * each a map of keys. Nested maps inside a section are flattened to dotted keys, so {@code http: {port: 1}}
 * and {@code http.port: 1} mean the same.
 */
public final class ConfigDocument {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Map<String, Object>> sections;

    private ConfigDocument(Map<String, Map<String, Object>> sections) {
        this.sections = sections;
    }

    public static ConfigDocument empty() {
        return new ConfigDocument(new LinkedHashMap<>());
    }

    public static ConfigDocument read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    public static ConfigDocument parse(String yaml, String origin) {
        Object root;
        try {
            root = YAML.readValue(yaml, Object.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config " + origin + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        ConfigDocument document = empty();
        if (root == null) {
            return document;
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigException("config " + origin + " must be a map of sections (node:, <plugin-id>:)");
        }
        for (Map.Entry<?, ?> entry : top.entrySet()) {
            String section = String.valueOf(entry.getKey());
            Map<String, Object> keys = document.sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
            if (entry.getValue() == null) {
                continue;
            }
            if (!(entry.getValue() instanceof Map<?, ?> body)) {
                throw new ConfigException("config section '" + section + "' in " + origin + " must be a map of keys");
            }
            flatten(section, "", body, keys);
        }
        return document;
    }

    private static void flatten(String section, String prefix, Map<?, ?> body, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : body.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(section, key + ".", nested, into);
            } else if (entry.getValue() != null) {
                into.put(key, entry.getValue());
            }
        }
    }

    /** Sets one value, replacing what the file said (overrides from the command line or the builder). */
    public void set(String section, String key, Object value) {
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
    }

    /** Layers {@code other} over this document: its values win. */
    public void overlay(ConfigDocument other) {
        other.sections.forEach((section, keys) -> keys.forEach((key, value) -> set(section, key, value)));
    }

    /** The raw values of a section (empty when absent). */
    public Map<String, Object> section(String name) {
        return Map.copyOf(sections.getOrDefault(name, Map.of()));
    }

    /**
     * Fails when the document has a section nobody reads.
     *
     * @param known the kernel's section and the ids of the loaded plugins
     */
    public void requireOnlySections(Set<String> known) {
        for (String section : new TreeSet<>(sections.keySet())) {
            if (!known.contains(section)) {
                throw new ConfigException("config section '" + section + "' matches no loaded plugin (known sections: "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    /** Parses {@code section.key=value} as the command line's {@code --set} takes it. */
    public static List<String> splitAssignment(String assignment) {
        int equals = assignment.indexOf('=');
        int dot = assignment.indexOf('.');
        if (equals < 0 || dot < 0 || dot > equals || dot == 0 || dot == equals - 1) {
            throw new ConfigException("'" + assignment + "' is not of the form section.key=value");
        }
        return List.of(assignment.substring(0, dot), assignment.substring(dot + 1, equals),
                assignment.substring(equals + 1));
    }
}
