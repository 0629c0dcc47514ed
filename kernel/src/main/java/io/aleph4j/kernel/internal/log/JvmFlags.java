package io.aleph4j.kernel.internal.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Chronicle Queue needs packages of java.base opened to it; without them it silently opens queues read-only.
 * This checks, at start, that the JVM got the flags the build defines (parent POM, {@code aleph4j.jvm.flags})
 * and names them when it did not.
 */
public final class JvmFlags {

    private JvmFlags() {
    }

    /** The flags, as the build defined them. */
    public static String chronicleFlags() {
        try (InputStream in = JvmFlags.class.getResourceAsStream("/io/aleph4j/kernel/jvm-flags.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("flags");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void requireChronicleFlags() {
        Module base = Object.class.getModule();
        Module ours = JvmFlags.class.getModule();
        boolean reflectOpen = base.isOpen("java.lang.reflect", ours);
        boolean nioOpen = base.isOpen("sun.nio.ch", ours);
        if (!reflectOpen || !nioOpen) {
            throw new IllegalStateException("the JVM lacks the flags Chronicle Queue needs to write the message log; "
                    + "start it with: " + chronicleFlags());
        }
    }
}
