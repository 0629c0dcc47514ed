package io.aleph4j.plugins.crn.supervisor;

import io.aleph4j.plugins.support.Directories;
import io.aleph4j.api.content.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Code unpacked once per file hash under the supervisor's data directory ({@code code/<file hash>/}), read-only to
 * programs. A zip is unpacked (no entry may leave the directory; at most {@link #MAX_UNPACKED_BYTES} in all); a
 * plain file is kept under its entrypoint's name. The directory appears whole or not at all: it is written beside
 * and moved into place.
 */
final class CodeCache {

    /** A program's unpacked code; the reference refuses code zips over 10 MB, packed. */
    static final long MAX_UNPACKED_BYTES = 512L * 1024 * 1024;
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private final Path root;

    CodeCache(Path root) {
        this.root = root;
    }

    /**
     * The directory holding the code, unpacked if it was not yet; the entrypoint of a binary program is made
     * executable (a zip made on another system may not carry the bit).
     */
    synchronized Path unpacked(StoredContent code, String encoding, String entrypoint, boolean executable)
            throws ProgramProblem, IOException {
        Path target = root.resolve(code.hash().value());
        if (!Files.isDirectory(target)) {
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root, ".unpacking-");
            try {
                switch (encoding) {
                    case "zip" -> unzip(code, staging);
                    case "plain" -> {
                        try (InputStream in = code.open(0)) {
                            Files.copy(in, inside(staging, entrypoint.contains(":")
                                    ? entrypoint.substring(0, entrypoint.indexOf(':')) + ".py" : entrypoint));
                        }
                    }
                    default -> throw new ProgramProblem(400, "code encoding '" + encoding
                            + "' needs a micro-VM runtime; this CRN unpacks zip and plain code");
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    delete(staging);
                }
            } catch (ProgramProblem | IOException | RuntimeException e) {
                delete(staging);
                throw e;
            }
        }
        if (executable) {
            Path program = inside(target, entrypoint);
            if (!Files.isRegularFile(program)) {
                throw new ProgramProblem(400, "the code has no file '" + entrypoint + "' to run as the entrypoint");
            }
            Files.setPosixFilePermissions(program, EXECUTABLE);
        }
        return target;
    }

    /** An immutable volume's archive, unpacked once per file hash: a zip (a squashfs image needs a micro-VM). */
    Path unpackedArchive(StoredContent volume) throws ProgramProblem, IOException {
        byte[] magic;
        try (InputStream in = volume.open(0)) {
            magic = in.readNBytes(4);
        }
        if (magic.length == 4 && magic[0] == 'h' && magic[1] == 's' && magic[2] == 'q' && magic[3] == 's') {
            throw new ProgramProblem(400, "Code, runtime or data not available: volume " + volume.hash().value()
                    + " is a squashfs image, which needs a micro-VM runtime; this CRN mounts zip archives");
        }
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K') {
            throw new ProgramProblem(400, "Code, runtime or data not available: volume " + volume.hash().value()
                    + " is not a zip archive (this CRN mounts immutable volumes from zip archives)");
        }
        return unpacked(volume, "zip", "", false);
    }

    private static void unzip(StoredContent code, Path directory) throws IOException, ProgramProblem {
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(code.open(0))) {
            ZipEntry entry;
            int entries = 0;
            while ((entry = zip.getNextEntry()) != null) {
                entries++;
                Path target = inside(directory, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[64 * 1024];
                    int read;
                    while ((read = zip.read(buffer)) > 0) {
                        total += read;
                        if (total > MAX_UNPACKED_BYTES) {
                            throw new ProgramProblem(400, "the code unpacks to more than " + MAX_UNPACKED_BYTES
                                    + " bytes");
                        }
                        out.write(buffer, 0, read);
                    }
                }
            }
            if (entries == 0) {
                throw new ProgramProblem(400, "the code is not a zip archive with files in it (code.encoding zip)");
            }
        }
    }

    /** The path of a name inside a directory; a name leading out of it (zip slip) is refused. */
    private static Path inside(Path directory, String name) throws ProgramProblem {
        Path resolved = directory.resolve(name).normalize();
        if (!resolved.startsWith(directory) || resolved.equals(directory)) {
            throw new ProgramProblem(400, "the code's entry '" + name + "' points outside its directory");
        }
        return resolved;
    }

    private static void delete(Path directory) {
        try {
            Directories.deleteTree(directory);
        } catch (IOException e) {
            // A staging directory left behind is retried under another name; the next start removes nothing else.
        }
    }
}
