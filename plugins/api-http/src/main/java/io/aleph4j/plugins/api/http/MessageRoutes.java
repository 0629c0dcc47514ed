package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.StateQueries;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Writing messages and reading them: {@code /api/v0/messages...}. */
final class MessageRoutes {

    /** What the SDK's getMessage sends (axios writes its one-item array as {@code hashes[]}); all ignored. */
    private static final Set<String> SINGLE_PARAMETERS = Set.of("hashes", "hashes[]", "messageType");
    private static final Set<String> LIST_PARAMETERS = union(MessageFilters.PARAMETERS, Set.of("sortBy",
            "sortOrder", "excludeContent", "contentFormat", "pagination", "page", "cursor"));

    private final MessageIntake intake;
    private final StateQueries state;
    private final ApiSettings settings;

    MessageRoutes(MessageIntake intake, StateQueries state, ApiSettings settings) {
        this.intake = intake;
        this.state = state;
        this.settings = settings;
    }

    void addTo(HttpRouter router) {
        router.post("/api/v0/messages", this::publish);
        router.get("/api/v0/messages.json", request -> list(request, null));
        router.get("/api/v0/messages/page/{page}.json", request -> list(request, request.pathParameter("page")
                .orElseThrow()));
        router.get("/api/v0/messages/{item_hash}", this::single);
        router.get("/api/v0/messages/{item_hash}/status", this::status);
    }

    /** {@code {"sync": bool, "message": {envelope}}}: logged durably, then (with sync) processed, then answered. */
    private HttpResponse publish(HttpRequest request) throws InterruptedException {
        Publication publication = Publication.read(request.body());
        MessageIntake.Accepted accepted;
        try {
            accepted = intake.submit(publication.message(), Origin.API);
        } catch (MalformedMessageException e) {
            throw new HttpProblem(422, "InvalidMessageFormat: " + e.getMessage());
        }
        MessageStatus status = MessageStatus.PENDING;
        if (publication.sync()) {
            Optional<MessageRecord> outcome = intake.awaitOutcome(accepted, settings.syncTimeout());
            status = outcome.map(MessageRecord::status).orElse(MessageStatus.PENDING);
        }
        ObjectNode publicationStatus = Json.object();
        publicationStatus.put("status", "success");
        publicationStatus.set("failed", Json.array());
        ObjectNode answer = Json.object();
        answer.set("publication_status", publicationStatus);
        answer.put("message_status", status.wireName());
        return Json.response(httpStatus(status), answer);
    }

    /**
     * Cursor mode, as on the reference: no total, {@code next_cursor} instead (null on the last page). An empty
     * cursor starts from the first message.
     */
    private HttpResponse cursorPage(Query query, MessageFilter filter, PageRequest page, String cursor, String sortBy,
                                    ContentFormat format) {
        int size = Cursors.pageSize(query, page, sortBy);
        Cursors.Slice<MessageRecord> found = Cursors.slice(state.messagesAfter(filter,
                Cursors.after(cursor), size + 1, page.order()), size);
        ObjectNode body = Json.object();
        body.set("messages", items(found.shown(), format));
        Cursors.describe(body, size, found.last().map(MessageCursor::of));
        return Json.sortedResponse(200, body);
    }

    /** Messages as list items, in the asked content format. */
    private static ArrayNode items(List<MessageRecord> records, ContentFormat format) {
        ArrayNode messages = Json.array();
        for (MessageRecord record : records) {
            ObjectNode item = MessageJson.listItem(record);
            format.apply(item, record);
            messages.add(item);
        }
        return messages;
    }

    /** The reference's mapping of a message status to the answer's HTTP status. */
    static int httpStatus(MessageStatus status) {
        return switch (status) {
            case PENDING -> 202;
            case PROCESSED, REMOVING -> 200;
            case REJECTED -> 422;
            case FORGOTTEN, REMOVED -> 410;
        };
    }

    private HttpResponse single(HttpRequest request) {
        Query.of(request, SINGLE_PARAMETERS);
        return Json.response(200, MessageJson.single(find(request)));
    }

    private HttpResponse status(HttpRequest request) {
        Query.of(request, Set.of());
        return Json.response(200, MessageJson.status(find(request)));
    }

    private MessageRecord find(HttpRequest request) {
        ItemHash hash = PathHashes.of(request.pathParameter("item_hash").orElseThrow());
        return state.message(hash)
                .orElseThrow(() -> new HttpProblem(404, "no message " + hash.value() + " on this node"));
    }

    private HttpResponse list(HttpRequest request, String pathPage) {
        Query query = Query.of(request, LIST_PARAMETERS);
        MessageFilter filter = MessageFilters.from(query);
        String sortBy = Optional.ofNullable(query.string("sortBy")).orElse("time");
        if (!sortBy.equals("time") && !sortBy.equals("tx-time")) {
            throw new HttpProblem(422, "sortBy: '" + Query.shorten(sortBy) + "' is not time or tx-time");
        }
        ContentFormat format = ContentFormat.of(query);
        PageRequest page = Pages.request(query, pathPage, 20, settings.maxPageSize());
        String cursor = query.string("cursor");
        if (cursor != null) {
            return cursorPage(query, filter, page, cursor, sortBy, format);
        }
        Page<MessageRecord> found = state.messages(filter, page);
        ObjectNode body = Json.object();
        body.set("messages", items(found.items(), format));
        Pages.describe(body, found, "messages");
        return Json.sortedResponse(200, body);
    }

    static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}
