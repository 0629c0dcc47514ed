package io.aleph4j.plugins.chain.tezos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The plugin zip that {@code mvn package} left in target/. */
final class BuiltArchive {

    private BuiltArchive() {
    }

    static Path path() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-plugin.zip")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-plugin.zip in target/: run mvn package first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
