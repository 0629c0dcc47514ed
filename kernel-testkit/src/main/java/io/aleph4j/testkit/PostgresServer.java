package io.aleph4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private, throwaway PostgreSQL server for tests: a fresh cluster in a temporary directory, listening on a free
 * loopback port, with {@code fsync} off, removed when the JVM exits. Tests get one database each from
 * {@link #createDatabase()}.
 *
 * <p>It runs the real server binaries of the machine (the Debian {@code postgresql} package puts them in
 * {@code /usr/lib/postgresql/<version>/bin}; {@code ALEPH4J_POSTGRES_BIN} names another directory). PostgreSQL
 * refuses to run as root, so under root it runs as the {@code postgres} user the package creates.
 * <pre>{@code
 * String url = PostgresServer.shared().createDatabase();  // jdbc:postgresql://127.0.0.1:<port>/test_1
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser of the cluster; it needs no password (trust on loopback). */
    public static final String USER = "aleph4j";

    private static final Path TEMPORARY = Path.of(System.getProperty("java.io.tmpdir"));
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static PostgresServer shared;

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final boolean asPostgresUser;
    private final Process server;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path binaries, Path directory, int port, boolean asPostgresUser, Process server) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.server = server;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            PostgresServer started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "postgres-server-stop"));
            shared = started;
        }
        return shared;
    }

    /** Starts a new server; the caller closes it. */
    public static PostgresServer start() {
        Path binaries = findBinaries();
        boolean asPostgresUser = "root".equals(System.getProperty("user.name"));
        try {
            Path directory = Files.createTempDirectory("aleph4j-postgres-");
            if (asPostgresUser) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(directory, users.lookupPrincipalByName("postgres"));
            }
            Path data = directory.resolve("data");
            run(binaries, asPostgresUser, List.of("initdb", "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--no-sync"));
            int port = freePort();
            List<String> arguments = new ArrayList<>(List.of("postgres", "-D", data.toString(),
                    "-p", Integer.toString(port), "-k", directory.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off", "-c", "max_connections=200"));
            // -Daleph4j.postgres.settings=shared_buffers=2GB,max_wal_size=16GB: a server sized as an operator
            // would size one, for measurements at millions of rows (the defaults suit tests).
            for (String setting : System.getProperty("aleph4j.postgres.settings", "").split(",")) {
                if (!setting.isBlank()) {
                    arguments.addAll(List.of("-c", setting.strip()));
                }
            }
            List<String> command = command(binaries, asPostgresUser, arguments);
            Process server = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("server.log").toFile())
                    .start();
            PostgresServer started = new PostgresServer(binaries, directory, port, asPostgresUser, server);
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a PostgreSQL server", e);
        }
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Creates a new, empty database and answers its JDBC URL. */
    public String createDatabase() {
        String name = "test_" + databases.incrementAndGet();
        run(binaries, asPostgresUser, List.of("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", USER, name));
        return jdbcUrl(name);
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            run(binaries, asPostgresUser, List.of("pg_ctl", "-D", directory.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException e) {
            server.destroyForcibly();
        }
        try {
            server.waitFor(10, TimeUnit.SECONDS);
            deleteRecursively(directory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the PostgreSQL server exited at startup:\n" + serverLog());
            }
            Process probe = new ProcessBuilder(command(binaries, asPostgresUser, List.of("pg_isready",
                    "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-q")))
                    .directory(directory.toFile()).redirectErrorStream(true).start();
            try {
                if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("PostgreSQL did not accept connections within " + STARTUP + ":\n"
                + serverLog());
    }

    private String serverLog() throws IOException {
        Path log = directory.resolve("server.log");
        return Files.exists(log) ? Files.readString(log) : "(no server log)";
    }

    private static Path findBinaries() {
        String configured = System.getenv("ALEPH4J_POSTGRES_BIN");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(version -> version.resolve("bin"))
                        .sorted(Comparator.comparing(PostgresServer::majorVersion).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry));
            }
        }
        Optional<Path> found = candidates.stream()
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
                .findFirst();
        return found.orElseThrow(() -> new IllegalStateException("the PostgreSQL server binaries (initdb, "
                + "postgres) were found neither in /usr/lib/postgresql/*/bin nor on the PATH; install them with "
                + "`apt-get install -y postgresql` or name their directory in ALEPH4J_POSTGRES_BIN"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> command(Path binaries, boolean asPostgresUser, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binaries.resolve(arguments.getFirst()).toString());
        command.addAll(arguments.subList(1, arguments.size()));
        return command;
    }

    private static void run(Path binaries, boolean asPostgresUser, List<String> arguments) {
        List<String> command = command(binaries, asPostgresUser, arguments);
        try {
            // The postgres user may not enter the caller's working directory.
            Process process = new ProcessBuilder(command).directory(TEMPORARY.toFile()).redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
