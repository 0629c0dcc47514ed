package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.FileTotals;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.util.List;
import java.util.Optional;

/**
 * What one address has: {@code /api/v0/addresses/{address}/files} (the files its processed STOREs keep, by
 * {@code content.address}), {@code .../post_types} and {@code .../channels} (of the messages it sent, by envelope
 * sender). Addresses are compared exactly, as the reference compares them.
 */
final class AddressViewRoutes {

    private final StateQueries state;

    AddressViewRoutes(StateQueries state) {
        this.state = state;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/addresses/{address}/files", this::files);
        router.get("/api/v0/addresses/{address}/post_types", this::postTypes);
        router.get("/api/v0/addresses/{address}/channels", this::channels);
    }

    private HttpResponse postTypes(HttpRequest request) {
        String address = request.pathParameter("address").orElseThrow();
        ObjectNode body = Json.object();
        body.put("address", address);
        body.set("post_types", Json.strings(state.postTypes(MessageFilter.builder().senders(address)
                .types(MessageType.POST).statuses(ChannelsRoute.HELD).build())));
        return Json.response(200, body);
    }

    private HttpResponse channels(HttpRequest request) {
        String address = request.pathParameter("address").orElseThrow();
        ObjectNode body = Json.object();
        body.put("address", address);
        body.set("channels", Json.strings(state.channels(MessageFilter.builder().senders(address)
                .statuses(ChannelsRoute.HELD).build())));
        return Json.response(200, body);
    }

    /**
     * The reference's file listing: 100 per page by default ({@code pagination=0}: all), {@code sort_order} on the
     * STORE content's time; an empty page is a 404. In cursor mode its keys are sorted and {@code created} is in
     * seconds, as the reference's fallback serializer writes them.
     */
    private HttpResponse files(HttpRequest request) {
        String address = request.pathParameter("address").orElseThrow();
        Query query = Query.of(request);
        int pagination = query.integer("pagination", 100, 0, Integer.MAX_VALUE);
        int page = query.integer("page", 1, 1, Integer.MAX_VALUE);
        SortOrder order = Pages.sortOrder(query, "sort_order");
        Optional<ItemHash> fileHash = fileHash(query.string("file_hash"));
        // A file_hash that is no item hash names no file this node could hold: an empty page, so a 404.
        boolean unmatchable = query.string("file_hash") != null && fileHash.isEmpty();
        FileTotals totals = state.fileTotals(address);
        String cursor = query.string("cursor");
        if (cursor != null) {
            if (pagination == 0) {
                throw new HttpProblem(422, "pagination=0 is not allowed with cursor-based pagination");
            }
            int size = Math.min(pagination, Cursors.MAX_PAGE);
            Cursors.Slice<FileReference> slice = Cursors.slice(unmatchable ? List.of()
                    : state.filesOfAfter(address, fileHash, Cursors.after(cursor), size + 1, order), size);
            if (slice.shown().isEmpty()) {
                throw new HttpProblem(404, "no files of " + Query.shorten(address) + " on this page");
            }
            ObjectNode body = Json.object();
            body.put("address", address);
            body.set("files", files(slice.shown(), true));
            Cursors.describe(body, size, slice.last().map(last -> new MessageCursor(last.time(),
                    last.messageHash())));
            body.put("total_size", totals.bytes());
            return Json.sortedResponse(200, body);
        }
        List<FileReference> shown = unmatchable ? List.of()
                : state.filesOf(address, fileHash, new PageRequest(page, pagination, order)).items();
        if (shown.isEmpty()) {
            throw new HttpProblem(404, "no files of " + Query.shorten(address) + " on this page");
        }
        ObjectNode body = Json.object();
        body.put("address", address);
        body.put("total_size", totals.bytes());
        body.set("files", files(shown, false));
        body.put("pagination_page", page);
        body.put("pagination_total", totals.files());
        body.put("pagination_per_page", pagination);
        return Json.response(200, body);
    }

    private static Optional<ItemHash> fileHash(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ItemHash.of(value.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ArrayNode files(List<FileReference> references, boolean createdInSeconds) {
        ArrayNode files = Json.array();
        for (FileReference reference : references) {
            ObjectNode file = files.addObject();
            file.put("file_hash", reference.fileHash().value());
            file.put("size", reference.size());
            file.put("type", "file");
            if (createdInSeconds) {
                file.put("created", Json.seconds(reference.time()));
            } else {
                file.put("created", Json.isoZ(reference.time()));
            }
            file.put("item_hash", reference.messageHash().value());
        }
        return files;
    }
}
