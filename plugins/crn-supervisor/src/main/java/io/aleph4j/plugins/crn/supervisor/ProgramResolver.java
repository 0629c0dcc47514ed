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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    ProgramResolver(StateQueries state, ContentService content, CodeCache code, RuntimeCatalog runtimes) {
        this.state = state;
        this.content = content;
        this.code = code;
        this.runtimes = runtimes;
    }

    /** The program's definition, read from the node's state. */
    ProgramDefinition definition(ItemHash hash) throws ProgramProblem {
        MessageRecord record = state.message(hash).orElseThrow(() -> new ProgramProblem(404,
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
        ItemHash storeHash;
        try {
            storeHash = ItemHash.of(program.codeRef());
        } catch (IllegalArgumentException e) {
            throw new ProgramProblem(400, "code.ref '" + program.codeRef() + "' is not an item hash");
        }
        Optional<FileReference> file = program.codeUseLatest()
                ? state.latestFileReference(program.owner(), program.codeRef()).or(() -> state.fileReference(storeHash))
                : state.fileReference(storeHash);
        FileReference reference = file.orElseThrow(() -> new ProgramProblem(400,
                "Code, runtime or data not available: no processed STORE " + program.codeRef() + " on this node"));
        try {
            StoredContent stored = content.find(reference.fileHash()).orElseThrow(() -> new ProgramProblem(400,
                    "Code, runtime or data not available: the code's file " + reference.fileHash().value()
                            + " is nowhere to be had"));
            return code.unpacked(stored, program.codeEncoding(), program.entrypoint(),
                    program.vmInterface() == VmInterface.BINARY);
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
