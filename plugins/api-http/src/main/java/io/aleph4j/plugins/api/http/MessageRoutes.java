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
import io.aleph4j.api.network.MessagePublisher;
import io.aleph4j.api.network.PublicationStatus;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.StateQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writing messages and reading them: {@code /api/v0/messages...}. */
final class MessageRoutes {

    private final MessageIntake intake;
    private final MessagePublisher publisher;
    private final StateQueries state;
    private final ApiSettings settings;

    MessageRoutes(MessageIntake intake, MessagePublisher publisher, StateQueries state, ApiSettings settings) {
        this.intake = intake;
        this.publisher = publisher;
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

    /**
     * {@code {"sync": bool, "message": {envelope}}}: logged durably, published to the network, then (with sync)
     * processed, then answered with what the publication achieved.
     */
    private HttpResponse publish(HttpRequest request) throws InterruptedException {
        Publication publication = Publication.read(request.body());
        MessageIntake.Accepted accepted;
        try {
            accepted = intake.submit(publication.message(), Origin.API);
        } catch (MalformedMessageException e) {
            throw new HttpProblem(422, "InvalidMessageFormat: " + e.getMessage());
        }
        PublicationStatus published = publisher.publish(accepted.message());
        MessageStatus status = MessageStatus.PENDING;
        if (publication.sync()) {
            Optional<MessageRecord> outcome = intake.awaitOutcome(accepted, settings.syncTimeout());
            status = outcome.map(MessageRecord::status).orElse(MessageStatus.PENDING);
        }
        ObjectNode answer = Json.object();
        answer.set("publication_status", publicationJson(published));
        answer.put("message_status", status.wireName());
        return Json.response(httpStatus(status), answer);
    }

    /**
     * Cursor mode, as on the reference: no total, {@code next_cursor} instead (null on the last page). An empty
     * cursor starts from the first message.
     */
    private HttpResponse cursorPage(Query query, MessageSelection selection, PageRequest page, String cursor,
                                    ContentFormat format) {
        int size = Cursors.pageSize(query, page);
        Cursors.Slice<MessageRecord> found = Cursors.slice(selection.after(state, Cursors.after(cursor), size + 1,
                page.order()), size);
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

    /** {@code {"status": "success" | "warning", "failed": ["p2p"]}}, as the reference writes it. */
    static ObjectNode publicationJson(PublicationStatus published) {
        ObjectNode json = Json.object();
        json.put("status", published.status());
        json.set("failed", Json.strings(published.reportedFailures()));
        return json;
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
        return Json.response(200, MessageJson.single(find(request)));
    }

    private HttpResponse status(HttpRequest request) {
        return Json.response(200, MessageJson.status(find(request)));
    }

    private MessageRecord find(HttpRequest request) {
        ItemHash hash = PathHashes.of(request.pathParameter("item_hash").orElseThrow());
        return state.message(hash)
                .orElseThrow(() -> new HttpProblem(404, "no message " + hash.value() + " on this node"));
    }

    private HttpResponse list(HttpRequest request, String pathPage) {
        Query query = MessageFilters.query(request.queryParameters());
        MessageSelection selection = MessageFilters.from(query);
        ContentFormat format = ContentFormat.of(query);
        PageRequest page = Pages.request(query, pathPage, 20, settings.maxPageSize());
        String cursor = query.string("cursor");
        Cursors.refuseTxTime(cursor, selection.sortBy());
        refuseTerminalStatusFilters(selection, cursor);
        if (cursor != null) {
            return cursorPage(query, selection, page, cursor, format);
        }
        Page<MessageRecord> found = selection.page(state, page);
        ObjectNode body = Json.object();
        body.set("messages", items(found.items(), format));
        Pages.describe(body, found, "messages");
        return Json.sortedResponse(200, body);
    }

    /**
     * As the reference: a query of forgotten or removed messages (which it serves from other tables) refuses the
     * filters and the cursor pagination those cannot honour, with a 400 naming them.
     */
    private static void refuseTerminalStatusFilters(MessageSelection selection, String cursor) {
        MessageFilter filter = selection.filter();
        Optional<MessageStatus> terminal = filter.statuses().stream()
                .filter(status -> status == MessageStatus.FORGOTTEN || status == MessageStatus.REMOVED).findFirst();
        if (terminal.isEmpty()) {
            return;
        }
        String status = terminal.get().wireName();
        if (cursor != null) {
            throw new HttpProblem(400, "Cursor pagination is not supported for " + status + " message queries");
        }
        List<String> offending = new ArrayList<>();
        addIf(offending, "refs", !filter.refs().isEmpty());
        addIf(offending, "contentTypes", !filter.contentTypes().isEmpty());
        addIf(offending, "contentHashes", !filter.contentHashes().isEmpty());
        addIf(offending, "contentKeys", !filter.contentKeys().isEmpty());
        addIf(offending, "tags", !filter.tags().isEmpty());
        addIf(offending, "startBlock", selection.startBlock() != 0);
        addIf(offending, "endBlock", selection.endBlock() != 0);
        if (!offending.isEmpty()) {
            throw new HttpProblem(400, "Filters not supported for " + status + " message queries: "
                    + String.join(", ", offending));
        }
    }

    private static void addIf(List<String> names, String name, boolean condition) {
        if (condition) {
            names.add(name);
        }
    }
}
