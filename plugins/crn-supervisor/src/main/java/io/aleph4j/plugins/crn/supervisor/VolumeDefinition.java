package io.aleph4j.plugins.crn.supervisor;

import java.util.Locale;

/** A PROGRAM's {@code volumes[]} entry, as aleph-message defines the three kinds. */
sealed interface VolumeDefinition {

    /** Where the program sees it. */
    String mount();

    /** {@code ImmutableVolume}: a STORE's file, read-only. */
    record Immutable(String ref, boolean useLatest, String mount) implements VolumeDefinition {
    }

    /** {@code EphemeralVolume}: an empty writable directory for the execution's life. */
    record Ephemeral(int sizeMib, String mount) implements VolumeDefinition {
    }

    /** {@code PersistentVolume}: a writable directory kept between executions; {@code persistence} host or store. */
    record Persistent(String name, int sizeMib, String persistence, String mount) implements VolumeDefinition {

        /** The reference's name sanitising ({@code [\w-_]}), so a name cannot climb out of its directory. */
        String safeName() {
            return name.replaceAll("[^A-Za-z0-9_\\-]", "_").toLowerCase(Locale.ROOT);
        }
    }
}
