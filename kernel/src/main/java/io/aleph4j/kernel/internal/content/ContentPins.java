package io.aleph4j.kernel.internal.content;

import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.api.storage.FileReference;
import io.aleph4j.api.storage.MessageRecord;
import io.aleph4j.api.storage.StateQueries;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins the file of every processed STORE message in the content stores that hold it, after the state that
 * references it is committed (it follows the events queue). For a store that keeps its own pins (an IPFS node) this
 * is what keeps the file there; storage-fs needs no pin, since the {@link ContentCollector} reads references from
 * the state. Unpinning is the collector's: it deletes (for an IPFS store: unpins) what no processed message
 * references once the grace period has passed.
 */
public final class ContentPins {

    private static final Logger LOG = LoggerFactory.getLogger(ContentPins.class);

    private final List<ContentStore> stores;
    private final StateQueries state;

    public ContentPins(List<ContentStore> stores, StateQueries state) {
        this.stores = List.copyOf(stores);
        this.state = state;
    }

    /** Called for each event, in order. Never throws: a store that fails to pin is logged and skipped. */
    public void onEvent(MessageEvent event) {
        if (event.status() != MessageStatus.PROCESSED) {
            return;
        }
        Optional<MessageRecord> record = state.message(event.itemHash());
        if (record.isEmpty() || record.get().type() != MessageType.STORE) {
            return;
        }
        Optional<FileReference> reference = state.fileReference(event.itemHash());
        if (reference.isEmpty()) {
            return;
        }
        for (ContentStore store : stores) {
            try {
                if (store.exists(reference.get().fileHash())) {
                    store.pin(reference.get().fileHash(), event.itemHash().value());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} could not pin {} for STORE {}", store.extensionName(), reference.get().fileHash(),
                        event.itemHash(), e);
            }
        }
    }
}
