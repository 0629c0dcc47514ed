package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/v0/messages/hashes}: the hashes of the messages the node holds (processed or being removed), in
 * the order it received them, with its dates on reception time (end exclusive), as other nodes compare what they
 * hold. With {@code hash_only=false} each item is {@code {item_hash, reception_time, status}}: the reference meant
 * that shape but answers it with a 500; this node serves it.
 */
final class MessageHashesRoute {

    private static final Set<MessageStatus> HELD = Set.of(MessageStatus.PROCESSED, MessageStatus.REMOVING);

    private final StateQueries state;

    MessageHashesRoute(StateQueries state) {
        this.state = state;
    }

    /** Before {@code /api/v0/messages/{item_hash}}, which would otherwise read "hashes" as an item hash. */
    void addTo(HttpRouter router) {
        router.get("/api/v0/messages/hashes", this::hashes);
    }

    private HttpResponse hashes(HttpRequest request) {
        Query query = Query.of(request);
        MessageStatus status = status(query.first("status"));
        int page = query.integer("page", 1, 1, Integer.MAX_VALUE);
        int pagination = query.integer("pagination", 20, 0, Integer.MAX_VALUE);
        double start = query.seconds(query.name("startDate", "start_date"));
        double end = query.seconds(query.name("endDate", "end_date"));
        if (start > 0 && end > 0 && end < start) {
            throw new HttpProblem(422, "end date cannot be lower than start date.");
        }
        SortOrder order = Pages.sortOrder(query, query.name("sortOrder", "sort_order"));
        boolean hashOnly = query.bool("hash_only", true);

        MessageFilter.Builder filter = MessageFilter.builder()
                .receivedFrom(start > 0 ? instant(start) : null).receivedBefore(end > 0 ? instant(end) : null);
        if (status == null) {
            filter.statuses(HELD.toArray(MessageStatus[]::new));
        } else if (HELD.contains(status)) {
            filter.statuses(status);
        }
        ArrayNode hashes = Json.array();
        Page<MessageRecord> found;
        if (status != null && !HELD.contains(status)) {
            // Only held messages are listed: any other status has none.
            found = new Page<>(java.util.List.of(), 0, new PageRequest(page, pagination, order));
        } else {
            found = state.messagesByReception(filter.build(), new PageRequest(page, pagination, order));
        }
        for (MessageRecord record : found.items()) {
            if (hashOnly) {
                hashes.add(record.itemHash().value());
            } else {
                ObjectNode item = hashes.addObject();
                item.put("item_hash", record.itemHash().value());
                item.put("reception_time", Json.seconds(record.receivedAt()));
                item.put("status", record.status().wireName());
            }
        }
        ObjectNode body = Json.object();
        body.set("hashes", hashes);
        Pages.describe(body, found, "hashes");
        return Json.sortedResponse(200, body);
    }

    private static MessageStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MessageStatus.fromWire(value.strip());
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(422, "status: '" + Query.shorten(value) + "' is not one of pending, processed, "
                    + "rejected, forgotten, removing, removed");
        }
    }

    private static Instant instant(double seconds) {
        long micros = (long) Math.floor(seconds * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
