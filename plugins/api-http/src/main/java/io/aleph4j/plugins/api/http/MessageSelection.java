package io.aleph4j.plugins.api.http;

import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a messages.json (or messages websocket) query selects: the filter the state store applies, and the
 * reference's terms on chain confirmations, {@code startBlock}/{@code endBlock} (bounds on the height of a
 * message's first confirmation, 0 for none) and the tx-time order.
 *
 * <p>This node records no confirmations yet, so every message is unconfirmed, and this class is the one place that
 * relies on it. The reference keeps an unconfirmed message under {@code startBlock}
 * ({@code first_confirmed_height IS NULL OR >= startBlock}), drops it under {@code endBlock}
 * ({@code first_confirmed_height < endBlock} is not true of NULL), and orders by tx-time when {@code sortBy=tx-time}
 * or either bound is set: {@code first_confirmed_at DESC NULLS FIRST, time DESC} for -1, {@code ASC NULLS LAST,
 * time ASC} for 1, then the item hash. With nothing confirmed that order is the time order, which the store gives.
 * When confirmations arrive (the chain-bridge work), the bounds and the tx-time order become store criteria and
 * {@link #page} and {@link #after} pass them on instead.
 */
record MessageSelection(MessageFilter filter, int startBlock, int endBlock, SortBy sortBy) {

    MessageSelection {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sortBy, "sortBy");
        if (startBlock < 0 || endBlock < 0) {
            throw new IllegalArgumentException("block bounds are heights >= 0 (0 for none)");
        }
    }

    /** Whether either block bound is set. */
    boolean hasBlockBounds() {
        return startBlock != 0 || endBlock != 0;
    }

    /** One page of matching messages, counted. */
    Page<MessageRecord> page(StateQueries state, PageRequest page) {
        if (!keepsUnconfirmed()) {
            return new Page<>(List.of(), 0, page);
        }
        // The tx-time order (sortBy == TX_TIME || hasBlockBounds()) is the time order while nothing is confirmed.
        return state.messages(filter, page);
    }

    /** Up to {@code limit} matching messages after a cursor, for cursor pagination. */
    List<MessageRecord> after(StateQueries state, Optional<MessageCursor> after, int limit, SortOrder order) {
        if (!keepsUnconfirmed()) {
            return List.of();
        }
        // The tx-time order (sortBy == TX_TIME || hasBlockBounds()) is the time order while nothing is confirmed.
        return state.messagesAfter(filter, after, limit, order);
    }

    /** Whether a (newly processed, hence unconfirmed) message passes the selection. */
    boolean matches(MessageRecord record) {
        return keepsUnconfirmed() && MessageMatcher.matches(filter, record);
    }

    /** Whether an unconfirmed message passes the block bounds: only without an {@code endBlock}. */
    private boolean keepsUnconfirmed() {
        return endBlock == 0;
    }
}
