package io.aleph4j.plugins.vm.process;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A per-execution secret: only the supervisor's event requests carry it, so no client can forge a message event. */
final class EventToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventToken() {
    }

    static String fresh() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
