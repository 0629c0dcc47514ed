package io.aleph4j.plugins.transport.libp2p;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Installs the sidecar from the plugin's jar: its script, package.json and package-lock.json are copied into a
 * directory named after their hash, and {@code npm ci} installs exactly the locked packages there, once per machine
 * and sidecar version (nodes and test runs share it). A cross-process lock keeps two installers apart.
 */
final class SidecarInstall {

    private static final System.Logger LOG = System.getLogger(SidecarInstall.class.getName());
    static final List<String> FILES = List.of("sidecar.mjs", "package.json", "package-lock.json");
    private static final String RESOURCES = "/io/aleph4j/plugins/transport/libp2p/sidecar/";
    private static final String DONE = ".aleph4j-installed";
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private SidecarInstall() {
    }

    /** The directory holding the installed sidecar, installing it first when needed. */
    static Path ensure(Path installDirectory, String npm) throws IOException, InterruptedException {
        Map<String, byte[]> files = files();
        Path target = installDirectory.resolve(hash(files));
        if (Files.exists(target.resolve(DONE))) {
            return target;
        }
        Files.createDirectories(installDirectory);
        synchronized (SidecarInstall.class) {
            try (FileChannel lockFile = FileChannel.open(installDirectory.resolve(target.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (Files.exists(target.resolve(DONE))) {
                    return target;
                }
                Files.createDirectories(target);
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Files.write(target.resolve(file.getKey()), file.getValue());
                }
                LOG.log(System.Logger.Level.INFO, "installing the npm packages of the libp2p sidecar in {0}", target);
                npmCi(target, npm);
                Files.createFile(target.resolve(DONE));
            }
        }
        return target;
    }

    private static void npmCi(Path directory, String npm) throws IOException, InterruptedException {
        Path output = directory.resolve("npm-ci.log");
        Process process = new ProcessBuilder(npm, "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("npm ci in " + directory + " took more than " + NPM_TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException("npm ci in " + directory + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(output).strip());
        }
    }

    private static Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = SidecarInstall.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("the plugin's jar lacks the sidecar's " + name);
                }
                files.put(name, in.readAllBytes());
            }
        }
        return files;
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue());
            }
            return "sidecar-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
