package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.handler.IncomingMessage;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageContent;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.message.StoreContent;
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.kernel.protocol.ContentParser;
import io.aleph4j.kernel.protocol.MessageFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The checks that need no state, run on the worker pool: item hash, chain and signature ({@link MessageVerifier}),
 * then the content: inline, or fetched from the content stores for {@code storage}/{@code ipfs} items, and parsed
 * with the schema of the message's type. A STORE waits (pending, retried) until a content store has its file, as
 * on the reference node; a node without content stores records STOREs without their files.
 */
final class MessageChecker {

    /** The largest non-inline message content read (the reference's MAX_FILE_SIZE for fetched items is larger, but
     *  content objects of messages are small JSON; a bigger item is refused rather than held in memory). */
    static final int MAX_FETCHED_CONTENT_BYTES = 4 * 1024 * 1024;

    private final MessageVerifier verifier;
    private final List<ContentStore> contentStores;

    MessageChecker(MessageVerifier verifier, List<ContentStore> contentStores) {
        this.verifier = verifier;
        this.contentStores = List.copyOf(contentStores);
    }

    Checked check(Work work) {
        Message message = work.entry().message();
        Optional<RejectionReason> refused = verifier.verify(message);
        if (refused.isPresent()) {
            return new Checked.Invalid(refused.get());
        }
        String json;
        if (message.itemType() == ItemType.INLINE) {
            json = message.itemContent();
        } else {
            Optional<String> fetched;
            try {
                fetched = fetch(message.itemHash(), message.itemType());
            } catch (InvalidContent e) {
                return new Checked.Invalid(RejectionReason.of(ErrorCode.INVALID_FORMAT, e.getMessage()));
            }
            if (fetched.isEmpty()) {
                return new Checked.Unavailable(RejectionReason.of(ErrorCode.CONTENT_UNAVAILABLE,
                        "the content " + message.itemHash() + " is not available from any content store yet"));
            }
            json = fetched.get();
        }
        MessageContent content;
        try {
            content = ContentParser.parse(message.type(), json);
        } catch (MessageFormatException e) {
            return new Checked.Invalid(RejectionReason.of(ErrorCode.INVALID_FORMAT, e.getMessage()));
        }
        if (content instanceof StoreContent store && !contentStores.isEmpty() && !anyHas(store.itemHash())) {
            return new Checked.Unavailable(RejectionReason.of(ErrorCode.FILE_UNAVAILABLE,
                    "the file " + store.itemHash() + " is not available from any content store yet"));
        }
        return new Checked.Valid(new IncomingMessage(message, content, json, work.entry().receivedAt()));
    }

    /** Whether a content store has the file; a store failing to answer counts as not having it (yet). */
    private boolean anyHas(ItemHash hash) {
        for (ContentStore store : contentStores) {
            try {
                if (store.exists(hash)) {
                    return true;
                }
            } catch (IOException e) {
                // Try the next store; the message is retried if none has it.
            }
        }
        return false;
    }

    private Optional<String> fetch(ItemHash hash, ItemType type) throws InvalidContent {
        for (ContentStore store : contentStores) {
            try {
                Optional<InputStream> stream = store.get(hash);
                if (stream.isEmpty()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = stream.get()) {
                    bytes = in.readNBytes(MAX_FETCHED_CONTENT_BYTES + 1);
                }
                if (bytes.length > MAX_FETCHED_CONTENT_BYTES) {
                    throw new InvalidContent("the content " + hash + " is larger than "
                            + MAX_FETCHED_CONTENT_BYTES + " bytes");
                }
                // A sha256 address is checked here; an IPFS CID is checked by the store that resolved it (storage-fs
                // recomputes it on read, an IPFS node verifies each block): the kernel carries no UnixFS code.
                if (type == ItemType.STORAGE && !ItemHash.ofSha256(sha256(bytes)).equals(hash)) {
                    throw new InvalidContent("the content served for " + hash + " does not hash to it");
                }
                return Optional.of(utf8(bytes, hash));
            } catch (IOException e) {
                // One store failing is not the content being absent from all of them; try the next.
            }
        }
        return Optional.empty();
    }

    private static String utf8(byte[] bytes, ItemHash hash) throws InvalidContent {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidContent("the content " + hash + " is not UTF-8 text");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static final class InvalidContent extends Exception {
        InvalidContent(String message) {
            super(message, null, false, false);
        }
    }
}
