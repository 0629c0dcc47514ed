package io.aleph4j.kernel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kernel's one JSON mapper (thread-safe once configured, and costly to create): message parsing, the kernel's
 * own HTTP answers, the status JSON. The YAML config has its own, since it reads another format.
 */
public final class KernelJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private KernelJson() {
    }
}
