package io.aleph4j.plugins.api.http;

import io.aleph4j.api.http.WebSocketHandler;
import io.aleph4j.api.http.WebSocketSession;
import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /api/ws0/messages}: on connect, the latest {@code history} messages matching the messages.json filters
 * (oldest first), then each newly processed message that matches, as it is processed. Frames are
 * messages.json items.
 */
final class MessageStream implements WebSocketHandler {

    /** One connected client and what it asked for. */
    private record Watcher(WebSocketSession session, MessageSelection selection, ContentFormat format) {
    }

    private final StateQueries state;
    private final Map<String, Watcher> watchers = new ConcurrentHashMap<>();

    MessageStream(StateQueries state) {
        this.state = state;
    }

    @Override
    public void onOpen(WebSocketSession session) {
        Query query = MessageFilters.query(session.queryParameters());
        MessageSelection selection = MessageFilters.from(query);
        ContentFormat format = ContentFormat.of(query);
        int history = query.integer("history", 10, 0, 199);
        // Registered before the history is read, so that nothing processed in between is missed; a message
        // may then come twice, which a client keyed by item_hash absorbs.
        watchers.put(session.id(), new Watcher(session, selection, format));
        if (history > 0) {
            List<MessageRecord> latest = selection.page(state,
                    new PageRequest(1, history, SortOrder.DESCENDING)).items();
            for (MessageRecord record : latest.reversed()) {
                session.send(frame(record, format));
            }
        }
    }

    @Override
    public void onClose(WebSocketSession session, int statusCode, String reason) {
        watchers.remove(session.id());
    }

    /** How many clients are connected (for metrics and tests). */
    int watching() {
        return watchers.size();
    }

    /** Called for each processing outcome, in log order, on the events subscription's thread. */
    void onEvent(MessageEvent event) {
        if (event.status() != MessageStatus.PROCESSED || watchers.isEmpty()) {
            return;
        }
        MessageRecord record = state.message(event.itemHash()).orElse(null);
        if (record == null) {
            return;
        }
        for (Watcher watcher : watchers.values()) {
            if (watcher.selection().matches(record) && !watcher.session().send(
                    frame(record, watcher.format()))) {
                watchers.remove(watcher.session().id());
            }
        }
    }

    private static String frame(MessageRecord record, ContentFormat format) {
        var item = MessageJson.listItem(record);
        format.apply(item, record);
        return Json.sorted(item);
    }
}
