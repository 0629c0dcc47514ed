package io.aleph4j.plugins.crn.supervisor;

import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.api.vm.VmInterface;
import io.aleph4j.api.vm.VmVolume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From a PROGRAM's item hash to what a runtime needs: the message from the node's state, its content, its code
 * (the STORE it names, or that STORE's latest amend with {@code use_latest}) unpacked from the node's content, and
 * its runtime mapped by the {@link RuntimeCatalog}. The node fetches content it lacks from its peers.
 */
final class ProgramResolver {

    /** Contents of stored (non-inline) PROGRAM messages are small JSON documents. */
    private static final int MAX_CONTENT_BYTES = 4 * 1024 * 1024;

    private final StateQueries state;
    private final ContentService content;
    private final CodeCache code;
    private final RuntimeCatalog runtimes;
    private final CcnMessages ccn;

    /** @param ccn where messages this node lacks are asked for (none: this node's own messages only) */
    ProgramResolver(StateQueries state, ContentService content, CodeCache code, RuntimeCatalog runtimes,
                    CcnMessages ccn) {
        this.ccn = ccn;
        this.state = state;
        this.content = content;
        this.code = code;
        this.runtimes = runtimes;
    }

    /** The program's definition, read from the node's state. */
    ProgramDefinition definition(ItemHash hash) throws ProgramProblem {
        Optional<MessageRecord> held = state.message(hash);
        if (held.isEmpty()) {
            held = ccn.fetch(hash);
        }
        MessageRecord record = held.orElseThrow(() -> new ProgramProblem(404,
                "Item hash " + hash.value() + " not found on this node"));
        if (record.type() != MessageType.PROGRAM) {
            throw new ProgramProblem(400, "message " + hash.value() + " is a " + record.type() + ", not a PROGRAM");
        }
        if (record.status() != MessageStatus.PROCESSED) {
            throw new ProgramProblem(404, "PROGRAM " + hash.value() + " is " + record.status().wireName()
                    + ", not processed");
        }
        return ProgramReader.read(contentJson(record));
    }

    /**
     * The runtime the program's ref maps to here. A program whose entrypoint is a WebAssembly module needs no root
     * filesystem: it runs on {@code wasi} whatever its ref (the SDK fills in its default ref for every program).
     */
    String runtime(ProgramDefinition program) throws ProgramProblem {
        if (program.entrypoint().endsWith(".wasm")) {
            return RuntimeCatalog.WASI;
        }
        return runtimes.runtimeFor(program.runtimeRef()).orElseThrow(() -> new ProgramProblem(400,
                "Code, runtime or data not available: runtime " + program.runtimeRef()
                        + " is not one this CRN provides (it maps " + runtimes.all().keySet()
                        + "; an operator adds refs with crn-supervisor.runtimes)"));
    }

    /** The program's code, unpacked. */
    Path code(ProgramDefinition program) throws ProgramProblem {
        StoredContent stored = storedFile(program.owner(), program.codeRef(), program.codeUseLatest(), "the code");
        try {
            return code.unpacked(stored, program.codeEncoding(), program.entrypoint(),
                    program.vmInterface() == VmInterface.BINARY);
        } catch (IOException e) {
            throw new ProgramProblem(400, "Code, runtime or data not available: " + e.getMessage(), e);
        }
    }

    /** Paths a volume may not be mounted on: the sandbox's own system and the runtime's own mounts. */
    private static final List<String> RESERVED_MOUNTS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32",
            "/lib64", "/libx32", "/etc", "/proc", "/dev", "/run", "/opt/code", "/tmp");

    /**
     * The program's volumes, made ready on this host: an immutable one is a STORE's zip, unpacked once per file
     * (squashfs images need a micro-VM runtime); an ephemeral one an empty directory in the execution's work
     * directory; a persistent one ({@code persistence: host}) a directory of its own under {@code persistentRoot},
     * kept between executions until the owner erases the program.
     */
    List<VmVolume> volumes(ProgramDefinition program, Path workDirectory, Path persistentRoot)
            throws ProgramProblem {
        List<VmVolume> ready = new ArrayList<>();
        if (program.data().isPresent()) {
            ready.add(data(program, program.data().get(), workDirectory));
        }
        int index = 0;
        for (VolumeDefinition volume : program.volumes()) {
            String mount = checkedMount(volume.mount());
            try {
                switch (volume) {
                    case VolumeDefinition.Immutable immutable -> {
                        StoredContent stored = storedFile(program.owner(), immutable.ref(), immutable.useLatest(),
                                "volume " + mount);
                        ready.add(new VmVolume(mount, code.unpackedArchive(stored), true));
                    }
                    case VolumeDefinition.Ephemeral ephemeral -> {
                        Path directory = Files.createDirectories(workDirectory.resolve("ephemeral-" + index));
                        ready.add(new VmVolume(mount, directory, false));
                    }
                    case VolumeDefinition.Persistent persistent -> {
                        if (!persistent.persistence().equals("host")) {
                            throw new ProgramProblem(400, "Only 'host' persistence is supported (volume " + mount
                                    + " asks for '" + persistent.persistence() + "')");
                        }
                        Path directory = Files.createDirectories(persistentRoot.resolve(persistent.safeName()));
                        ready.add(new VmVolume(mount, directory, false));
                    }
                }
            } catch (IOException e) {
                throw new ProgramProblem(400, "Code, runtime or data not available: volume " + mount + ": "
                        + e.getMessage(), e);
            }
            index++;
        }
        return ready;
    }

    /**
     * The program's {@code data} zip at its mount: unpacked once per file, then copied into the execution's work
     * directory, since programs may write there (the reference unzips it into the VM's own disk).
     */
    private VmVolume data(ProgramDefinition program, VolumeDefinition.Immutable data, Path workDirectory)
            throws ProgramProblem {
        StoredContent stored = storedFile(program.owner(), data.ref(), data.useLatest(), "data");
        try {
            Path unpacked = code.unpackedArchive(stored);
            Path copy = workDirectory.resolve("data");
            try (var paths = Files.walk(unpacked)) {
                for (Path source : (Iterable<Path>) paths::iterator) {
                    Path target = copy.resolve(unpacked.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            return new VmVolume(checkedMount(data.mount()), copy, false);
        } catch (IOException e) {
            throw new ProgramProblem(400, "Code, runtime or data not available: data: " + e.getMessage(), e);
        }
    }

    private static String checkedMount(String mount) throws ProgramProblem {
        String normalized;
        try {
            normalized = Path.of(mount).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ProgramProblem(400, "volume mount '" + mount + "' is not a path");
        }
        if (!normalized.startsWith("/") || normalized.equals("/")) {
            throw new ProgramProblem(400, "volume mount '" + mount + "' is not an absolute path below /");
        }
        for (String reserved : RESERVED_MOUNTS) {
            if (normalized.equals(reserved) || normalized.startsWith(reserved + "/")) {
                throw new ProgramProblem(400, "volume mount '" + mount + "' is on " + reserved
                        + ", which the sandbox keeps for itself");
            }
        }
        return normalized;
    }

    /** A STORE's file, by the STORE's hash or, with {@code useLatest}, the owner's latest amend of it. */
    private StoredContent storedFile(String owner, String ref, boolean useLatest, String what) throws ProgramProblem {
        ItemHash storeHash;
        try {
            storeHash = ItemHash.of(ref);
        } catch (IllegalArgumentException e) {
            throw new ProgramProblem(400, what + " ref '" + ref + "' is not an item hash");
        }
        Optional<FileReference> file = useLatest
                ? state.latestFileReference(owner, ref).or(() -> state.fileReference(storeHash))
                : state.fileReference(storeHash);
        if (file.isEmpty() && ccn.fetch(storeHash).isPresent()) {
            file = state.fileReference(storeHash);
        }
        FileReference reference = file.orElseThrow(() -> new ProgramProblem(400,
                "Code, runtime or data not available: no processed STORE " + ref + " on this node (" + what + ")"));
        try {
            return content.find(reference.fileHash()).orElseThrow(() -> new ProgramProblem(400,
                    "Code, runtime or data not available: the file " + reference.fileHash().value() + " of " + what
                            + " is nowhere to be had"));
        } catch (IOException e) {
            throw new ProgramProblem(400, "Code, runtime or data not available: " + e.getMessage(), e);
        }
    }

    private String contentJson(MessageRecord record) throws ProgramProblem {
        if (record.itemType() == ItemType.INLINE && record.itemContent() != null) {
            return record.itemContent();
        }
        try {
            StoredContent stored = content.find(record.itemHash()).orElseThrow(() -> new ProgramProblem(400,
                    "the content of PROGRAM " + record.itemHash().value() + " is not held by this node"));
            if (stored.size() > MAX_CONTENT_BYTES) {
                throw new ProgramProblem(400, "the content of PROGRAM " + record.itemHash().value() + " is too large");
            }
            try (InputStream in = stored.open(0)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ProgramProblem(400, "the content of PROGRAM " + record.itemHash().value()
                    + " cannot be read: " + e.getMessage(), e);
        }
    }
}
