package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.message.StoreContent;
import io.aleph4j.kernel.protocol.ContentParser;
import io.aleph4j.kernel.protocol.MessageFormatException;
import io.aleph4j.kernel.protocol.ParsedContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The checks that need no state, run on the worker pool: item hash, chain and signature ({@link MessageVerifier}),
 * then the content: inline (parsed by the intake already when it came through it, else parsed here), or fetched
 * through the content service for {@code storage}/{@code ipfs} items, and parsed with the schema of the message's
 * type. A STORE waits (pending, retried) until the node has its file, as on the reference node; a node without
 * content stores records STOREs without their files.
 */
final class MessageChecker {

    /** The largest non-inline message content read (the reference's MAX_FILE_SIZE for fetched items is larger, but
     *  content objects of messages are small JSON; a bigger item is refused rather than held in memory). */
    static final int MAX_FETCHED_CONTENT_BYTES = 4 * 1024 * 1024;

    private final MessageVerifier verifier;
    private final ContentService content;
    private final boolean keepsFiles;
    private final IntakeParses parses;

    /**
     * @param keepsFiles whether the node has content stores: without, a STORE is recorded without its file
     */
    MessageChecker(MessageVerifier verifier, ContentService content, boolean keepsFiles, IntakeParses parses) {
        this.verifier = verifier;
        this.content = content;
        this.keepsFiles = keepsFiles;
        this.parses = parses;
    }

    Checked check(Work work) {
        Message message = work.entry().message();
        Optional<RejectionReason> refused = verifier.verify(message);
        if (refused.isPresent()) {
            return new Checked.Invalid(refused.get());
        }
        ParsedContent parsed;
        try {
            parsed = message.itemType() == ItemType.INLINE ? inline(message) : fetched(message);
        } catch (InvalidContent e) {
            return new Checked.Invalid(RejectionReason.of(ErrorCode.INVALID_FORMAT, e.getMessage()));
        }
        if (parsed == null) {
            return new Checked.Unavailable(RejectionReason.of(ErrorCode.CONTENT_UNAVAILABLE,
                    "File not found: " + message.itemHash() + " (could not fetch message content)"));
        }
        OptionalLong fileSize = OptionalLong.empty();
        if (parsed.content() instanceof StoreContent store && keepsFiles) {
            fileSize = obtainedSize(store.itemHash());
            if (fileSize.isEmpty()) {
                return new Checked.Unavailable(RejectionReason.of(ErrorCode.FILE_UNAVAILABLE, "File not found: "
                        + store.itemHash() + " (could not retrieve file from storage at this time)"));
            }
        }
        return new Checked.Valid(new IncomingMessage(message, parsed.content(), parsed.fields(),
                work.entry().receivedAt(), fileSize));
    }

    private ParsedContent inline(Message message) throws InvalidContent {
        ParsedContent handedOver = parses.take(message.itemHash());
        return handedOver != null ? handedOver : parse(message, message.itemContent());
    }

    /** The content of a non-inline message, or null while the node cannot get it. */
    private ParsedContent fetched(Message message) throws InvalidContent {
        Optional<String> json = fetch(message.itemHash(), message.itemType());
        return json.isEmpty() ? null : parse(message, json.get());
    }

    private static ParsedContent parse(Message message, String json) throws InvalidContent {
        try {
            return ContentParser.parse(message.type(), json);
        } catch (MessageFormatException e) {
            throw new InvalidContent(e.getMessage());
        }
    }

    /**
     * The file's size once the node has it (fetched if need be); empty while it cannot be had. Failing to find out
     * counts as not having it (yet).
     */
    private OptionalLong obtainedSize(ItemHash hash) {
        try {
            if (!content.obtain(hash)) {
                return OptionalLong.empty();
            }
            Optional<Long> size = content.size(hash);
            return size.isEmpty() ? OptionalLong.empty() : OptionalLong.of(size.get());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private Optional<String> fetch(ItemHash hash, ItemType type) throws InvalidContent {
        Optional<StoredContent> found;
        try {
            found = content.find(hash);
        } catch (IOException e) {
            // A store failing, or only a corrupt copy: the content is not available yet; it is tried again.
            return Optional.empty();
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = found.get().open(0)) {
            bytes = in.readNBytes(MAX_FETCHED_CONTENT_BYTES + 1);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (bytes.length > MAX_FETCHED_CONTENT_BYTES) {
            throw new InvalidContent("the content " + hash + " is larger than " + MAX_FETCHED_CONTENT_BYTES + " bytes");
        }
        // A sha256 address is checked here; an IPFS CID is checked by the store that resolved it (content-fs
        // recomputes it on read, an IPFS node verifies each block): the kernel carries no UnixFS code.
        if (type == ItemType.STORAGE && !ItemHash.ofSha256(sha256(bytes)).equals(hash)) {
            throw new InvalidContent("the content served for " + hash + " does not hash to it");
        }
        return Optional.of(utf8(bytes, hash));
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
