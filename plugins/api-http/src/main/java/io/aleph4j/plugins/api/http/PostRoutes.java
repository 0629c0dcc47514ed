package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.PostView;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/v0/posts.json} (the legacy shape the SDK reads) and {@code /api/v1/posts.json}: original posts,
 * each with the content of its latest amend.
 */
final class PostRoutes {

    /** The reference's model populates by name: each alias's field name is taken too. */
    private static final Map<String, String> FIELD_NAMES = Map.of("types", "post_types", "startDate", "start_date",
            "endDate", "end_date", "sortBy", "sort_by", "sortOrder", "sort_order");

    private final StateQueries state;
    private final ApiSettings settings;

    PostRoutes(StateQueries state, ApiSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/posts.json", request -> list(request, null, this::v0));
        router.get("/api/v0/posts/page/{page}.json", request -> list(request, page(request), this::v0));
        router.get("/api/v1/posts.json", request -> list(request, null, PostRoutes::v1));
        router.get("/api/v1/posts/page/{page}.json", request -> list(request, page(request), PostRoutes::v1));
    }

    private static String page(HttpRequest request) {
        return request.pathParameter("page").orElseThrow();
    }

    private HttpResponse list(HttpRequest request, String pathPage, Function<List<PostView>, List<ObjectNode>> shape) {
        Query query = Query.of(request.queryParameters(), FIELD_NAMES);
        // sortBy=tx-time orders by the original's first confirmation, unconfirmed first (-1) or last (1), then by
        // the original's time: with no confirmation recorded yet, the order the store gives.
        SortBy sortBy = SortBy.of(query);
        PostFilter filter = PostFilter.builder()
                .hashes(query.hashes("hashes").toArray(ItemHash[]::new))
                .owners(query.addresses("addresses").toArray(String[]::new))
                .refs(query.list("refs").toArray(String[]::new))
                .types(query.list("types").toArray(String[]::new))
                .channels(query.list("channels").toArray(String[]::new))
                .tags(query.list("tags").toArray(String[]::new))
                .startTime(query.seconds("startDate"))
                .endTime(query.seconds("endDate"))
                .build();
        PageRequest page = Pages.request(query, pathPage, 20, settings.maxPageSize());
        String cursor = query.string("cursor");
        Cursors.refuseTxTime(cursor, sortBy);
        if (cursor != null) {
            int size = Cursors.pageSize(query, page);
            Cursors.Slice<PostView> found = Cursors.slice(state.postsAfter(filter, Cursors.after(cursor),
                    size + 1, page.order()), size);
            ArrayNode posts = Json.array();
            posts.addAll(shape.apply(found.shown()));
            ObjectNode body = Json.object();
            body.set("posts", posts);
            Cursors.describe(body, size, found.last().map(last -> new MessageCursor(last.original().time(),
                    last.original().itemHash())));
            return Json.response(200, body);
        }
        Page<PostView> found = state.posts(filter, page);
        ArrayNode posts = Json.array();
        posts.addAll(shape.apply(found.items()));
        ObjectNode body = Json.object();
        body.set("posts", posts);
        Pages.describe(body, found, "posts");
        return Json.response(200, body);
    }

    /** The v0 shape repeats fields of each post's messages: all of a page's are read in one query. */
    private List<ObjectNode> v0(List<PostView> views) {
        Set<ItemHash> hashes = new LinkedHashSet<>();
        views.forEach(view -> {
            hashes.add(view.original().itemHash());
            hashes.add(view.current().itemHash());
        });
        Map<ItemHash, MessageRecord> messages = new HashMap<>();
        if (!hashes.isEmpty()) {
            state.messages(MessageFilter.builder().hashes(hashes).build(),
                    new PageRequest(1, hashes.size(), SortOrder.DESCENDING))
                    .items().forEach(message -> messages.put(message.itemHash(), message));
        }
        return views.stream().map(view -> v0(view, messages)).toList();
    }

    private static ObjectNode v0(PostView view, Map<ItemHash, MessageRecord> messages) {
        PostRecord original = view.original();
        PostRecord current = view.current();
        MessageRecord originalMessage = message(original, messages);
        MessageRecord currentMessage = message(current, messages);
        ObjectNode post = Json.object();
        post.put("chain", originalMessage.chain().code());
        post.put("item_hash", current.itemHash().value());
        post.put("sender", original.owner());
        post.put("type", current.type());
        post.put("channel", original.channel());
        post.put("confirmed", false);
        post.set("content", Json.parse(current.json()));
        post.put("item_content", currentMessage.itemContent());
        post.put("item_type", currentMessage.itemType().wireName());
        post.put("signature", currentMessage.signature());
        post.put("size", currentMessage.size());
        post.put("time", Json.seconds(currentMessage.time()));
        post.set("confirmations", Json.array());
        post.put("original_item_hash", original.itemHash().value());
        post.put("original_signature", originalMessage.signature());
        post.put("original_type", original.type());
        post.put("hash", original.itemHash().value());
        post.put("address", original.owner());
        post.put("ref", original.ref());
        return post;
    }

    private static List<ObjectNode> v1(List<PostView> views) {
        return views.stream().map(PostRoutes::v1).toList();
    }

    private static ObjectNode v1(PostView view) {
        PostRecord original = view.original();
        PostRecord current = view.current();
        ObjectNode post = Json.object();
        post.put("item_hash", current.itemHash().value());
        post.set("content", Json.parse(current.json()));
        post.put("original_item_hash", original.itemHash().value());
        post.put("original_type", original.type());
        post.put("address", original.owner());
        post.put("ref", original.ref());
        post.put("channel", original.channel());
        post.put("created", Json.isoOffset(original.time()));
        post.put("last_updated", Json.isoOffset(current.time()));
        return post;
    }

    private static MessageRecord message(PostRecord post, Map<ItemHash, MessageRecord> messages) {
        // A post row exists only for a processed message, in the same transaction.
        MessageRecord message = messages.get(post.itemHash());
        if (message == null) {
            throw new IllegalStateException("post " + post.itemHash() + " has no message record");
        }
        return message;
    }
}
