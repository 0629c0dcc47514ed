package io.aleph4j.api.message;

import java.util.List;

/**
 * A FORGET: asks the network to drop the content of earlier messages (by hash) and of aggregates (by key)
 * owned by the same address.
 *
 * @param reason why, as the author wrote it; may be null
 */
public record ForgetContent(String address, double time, List<ItemHash> hashes, List<String> aggregates,
                            String reason) implements MessageContent {

    public ForgetContent {
        ContentChecks.base(address, time);
        hashes = List.copyOf(hashes);
        aggregates = List.copyOf(aggregates);
    }

    @Override
    public MessageType messageType() {
        return MessageType.FORGET;
    }
}
