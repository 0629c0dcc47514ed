package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.kernel.NodeStartException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Picks the handler of each message type: the kernel's own, or a plugin's for the types the kernel only records. */
public final class ContentHandlers {

    /** Types whose semantics the kernel owns; a plugin cannot replace them. */
    private static final Set<MessageType> KERNEL_TYPES = EnumSet.of(MessageType.POST, MessageType.AGGREGATE,
            MessageType.STORE, MessageType.FORGET);

    private ContentHandlers() {
    }

    /**
     * @throws NodeStartException when a plugin handles a kernel type, or two plugins handle the same type
     */
    public static Map<MessageType, ContentHandler> resolve(List<ContentHandler> contributed) {
        return resolve(contributed, ScoringPosts.REFERENCE);
    }

    /**
     * @param scoring which POSTs carry the network's scoring measurements
     * @throws NodeStartException when a plugin handles a kernel type, or two plugins handle the same type
     */
    public static Map<MessageType, ContentHandler> resolve(List<ContentHandler> contributed, ScoringPosts scoring) {
        Map<MessageType, ContentHandler> handlers = new EnumMap<>(MessageType.class);
        handlers.put(MessageType.POST, new PostHandler(scoring));
        handlers.put(MessageType.AGGREGATE, new AggregateHandler());
        handlers.put(MessageType.STORE, new StoreHandler());
        handlers.put(MessageType.FORGET, new ForgetHandler());
        Map<MessageType, ContentHandler> fromPlugins = new EnumMap<>(MessageType.class);
        for (ContentHandler handler : contributed) {
            MessageType type = handler.messageType();
            if (KERNEL_TYPES.contains(type)) {
                throw new NodeStartException("ContentHandler " + handler.extensionName() + " handles " + type
                        + ", whose semantics the kernel owns; plugins may handle PROGRAM and INSTANCE");
            }
            ContentHandler previous = fromPlugins.putIfAbsent(type, handler);
            if (previous != null) {
                throw new NodeStartException("two ContentHandlers handle " + type + ": "
                        + previous.extensionName() + " and " + handler.extensionName());
            }
        }
        for (MessageType type : MessageType.values()) {
            handlers.putIfAbsent(type, fromPlugins.getOrDefault(type, new RecordOnlyHandler(type)));
        }
        return handlers;
    }
}
