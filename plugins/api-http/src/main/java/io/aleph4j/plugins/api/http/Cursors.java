package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.state.AddressStatsCursor;
import io.aleph4j.api.state.AggregateCursor;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The reference's opaque cursors: base64url (unpadded) of compact JSON {@code {"h": item hash, "t": ISO time}}.
 * This node adds {@code "s"}, the exact time in seconds, which it prefers when reading (an ISO time keeps only
 * microseconds); a cursor the reference made works here too.
 */
final class Cursors {

    /** The most a cursor page holds, as on the reference. */
    static final int MAX_PAGE = 200;

    private Cursors() {
    }

    /**
     * A cursor page's size: the page size asked for, at most {@link #MAX_PAGE}; {@code pagination=0} (every
     * result) is refused, as on the reference.
     */
    static int pageSize(Query query, PageRequest page) {
        if (query.integer("pagination", 20, 0, Integer.MAX_VALUE) == 0) {
            throw new HttpProblem(422, "pagination=0 is not allowed with cursor-based pagination");
        }
        return Math.min(page.perPage(), MAX_PAGE);
    }

    /**
     * The reference refuses a cursor with {@code sortBy=tx-time}, since a cursor names a message time; an empty
     * cursor (the first page) passes its check, as it does here.
     */
    static void refuseTxTime(String cursor, SortBy sortBy) {
        if (cursor != null && !cursor.isEmpty() && sortBy == SortBy.TX_TIME) {
            throw new HttpProblem(422, "Cursor pagination is not supported with tx-time sort order.");
        }
    }

    /**
     * A cursor page cut from a query asked for one item more than the page holds: the items shown, and the last
     * of them when more follow (the next page's cursor is made of it).
     */
    record Slice<T>(List<T> shown, Optional<T> last) {
    }

    static <T> Slice<T> slice(List<T> found, int size) {
        if (found.size() <= size) {
            return new Slice<>(found, Optional.empty());
        }
        List<T> shown = found.subList(0, size);
        return new Slice<>(shown, Optional.of(shown.getLast()));
    }

    /** Where a page goes on from: nowhere (the start) for an empty cursor. */
    static Optional<MessageCursor> after(String cursor) {
        return cursor.isBlank() ? Optional.empty() : Optional.of(decode(cursor));
    }

    /** Ends a cursor page's body: its size, and the cursor of the next page (null on the last one). */
    static void describe(ObjectNode body, int size, Optional<MessageCursor> next) {
        describeEncoded(body, size, next.map(Cursors::encode));
    }

    static void describeEncoded(ObjectNode body, int size, Optional<String> next) {
        body.put("pagination_per_page", size);
        if (next.isPresent()) {
            body.put("next_cursor", next.get());
        } else {
            body.putNull("next_cursor");
        }
    }

    static String encode(MessageCursor cursor) {
        ObjectNode json = Json.object();
        json.put("h", cursor.itemHash().value());
        json.put("s", Double.toString(cursor.time()));
        json.put("t", Json.isoOffset(cursor.time()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.sorted(json)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The position an (non-empty) cursor names; a 422 naming the problem when it is not one. */
    static MessageCursor decode(String cursor) {
        JsonNode json = json(cursor);
        if (!json.path("h").isTextual() || !json.path("t").isTextual()) {
            throw new HttpProblem(422, "Invalid cursor: missing required fields");
        }
        ItemHash hash;
        try {
            hash = ItemHash.of(json.path("h").asText());
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(422, "Invalid cursor: " + e.getMessage());
        }
        return new MessageCursor(exactSeconds(json).orElseGet(() -> isoSeconds(json.path("t").asText())), hash);
    }

    /** An address stats cursor, as the reference writes it: {@code {"a": address, "v": the sorted count}}. */
    static String encode(AddressStatsCursor cursor) {
        ObjectNode json = Json.object();
        json.put("a", cursor.address());
        json.put("v", cursor.count());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.sorted(json)
                .getBytes(StandardCharsets.UTF_8));
    }

    static Optional<AddressStatsCursor> afterAddress(String cursor) {
        if (cursor.isBlank()) {
            return Optional.empty();
        }
        JsonNode json = json(cursor);
        if (!json.path("a").isTextual() || !json.path("v").canConvertToLong()) {
            throw new HttpProblem(422, "Invalid cursor: missing required fields");
        }
        return Optional.of(new AddressStatsCursor(json.path("v").asLong(), json.path("a").asText()));
    }

    private static JsonNode json(String cursor) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor.strip()));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new HttpProblem(422, "Invalid cursor: not base64url-encoded JSON");
        }
        if (json == null || !json.isObject()) {
            throw new HttpProblem(422, "Invalid cursor: missing required fields");
        }
        return json;
    }

    private static Optional<Double> exactSeconds(JsonNode json) {
        try {
            return json.path("s").isTextual() ? Optional.of(Double.parseDouble(json.path("s").asText()))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            throw new HttpProblem(422, "Invalid cursor: bad time");
        }
    }

    private static double isoSeconds(String iso) {
        try {
            OffsetDateTime time = OffsetDateTime.parse(iso);
            return time.toEpochSecond() + time.getNano() / 1e9;
        } catch (DateTimeParseException e) {
            throw new HttpProblem(422, "Invalid cursor: bad time");
        }
    }
    /**
     * An aggregate listing's cursor, as the reference writes it: {@code {"k": key, "o": owner, "t": ISO time}}, and
     * this node's exact {@code "s"}.
     */
    static String encode(AggregateCursor cursor) {
        ObjectNode json = Json.object();
        json.put("k", cursor.key());
        json.put("o", cursor.owner());
        json.put("s", Double.toString(cursor.time()));
        json.put("t", Json.isoOffset(cursor.time()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.sorted(json)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Where an aggregate listing goes on from: the start for an empty cursor. */
    static Optional<AggregateCursor> afterAggregate(String cursor) {
        if (cursor.isBlank()) {
            return Optional.empty();
        }
        JsonNode json = json(cursor);
        if (!json.path("k").isTextual() || !json.path("o").isTextual() || !json.path("t").isTextual()) {
            throw new HttpProblem(422, "Invalid cursor: missing required fields");
        }
        double time = exactSeconds(json).orElseGet(() -> isoSeconds(json.path("t").asText()));
        return Optional.of(new AggregateCursor(time, json.path("k").asText(), json.path("o").asText()));
    }
}
