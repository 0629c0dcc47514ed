package io.aleph4j.plugins.vm.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ASGI wrapper ({@code aleph4j_asgi.py}, a resource of this plugin) uvicorn serves in an ASGI sandbox. */
final class AsgiWrapper {

    static final String FILE = "aleph4j_asgi.py";

    private AsgiWrapper() {
    }

    static void writeTo(Path runDirectory) throws IOException {
        try (InputStream wrapper = AsgiWrapper.class.getResourceAsStream(FILE)) {
            if (wrapper == null) {
                throw new IOException(FILE + " is missing from the plugin");
            }
            Files.copy(wrapper, runDirectory.resolve(FILE));
        }
    }
}
