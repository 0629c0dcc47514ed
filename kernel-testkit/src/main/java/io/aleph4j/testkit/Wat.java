package io.aleph4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * WebAssembly test programs written as text (WAT) and compiled when a test runs, with {@code wat2wasm} from
 * Debian's {@code wabt} package: tests of a wasm runtime keep their programs readable and commit no binaries.
 */
public final class Wat {

    private static final Path WAT2WASM = Path.of(System.getProperty("aleph4j.wat2wasm", "/usr/bin/wat2wasm"));

    private Wat() {
    }

    /** The module a WAT text compiles to. */
    public static byte[] compile(String wat) throws IOException, InterruptedException {
        if (!Files.isExecutable(WAT2WASM)) {
            throw new IllegalStateException(WAT2WASM + " is missing: install Debian's wabt package "
                    + "(apt-get install -y wabt), as .ci/run does");
        }
        Path dir = Files.createTempDirectory("aleph4j-wat-");
        try {
            Path source = Files.writeString(dir.resolve("program.wat"), wat, StandardCharsets.UTF_8);
            Path module = dir.resolve("program.wasm");
            Process process = new ProcessBuilder(WAT2WASM.toString(), source.toString(), "-o", module.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalArgumentException("wat2wasm refused the program: " + output);
            }
            return Files.readAllBytes(module);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The module a WAT resource of the calling test's class path compiles to. */
    public static byte[] compileResource(Class<?> owner, String resource) throws IOException, InterruptedException {
        try (var in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
