package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.handler.IncomingMessage;
import io.aleph4j.api.message.AggregateContent;
import io.aleph4j.api.message.InstanceContent;
import io.aleph4j.api.message.MessageContent;
import io.aleph4j.api.message.PostContent;
import io.aleph4j.api.message.ProgramContent;
import io.aleph4j.api.message.StoreContent;
import io.aleph4j.api.storage.ContentFields;
import io.aleph4j.kernel.internal.handlers.ContentJson;
import java.util.List;

/** The content fields a stored message is filtered by (content type, ref, key, tags) and its content JSON. */
final class ContentFieldsOf {

    private ContentFieldsOf() {
    }

    static ContentFields of(IncomingMessage incoming) {
        MessageContent content = incoming.content();
        String type = null;
        String ref = null;
        String key = null;
        List<String> tags = List.of();
        String itemHash = null;
        String paymentType = null;
        switch (content) {
            case PostContent post -> {
                type = post.type();
                ref = post.ref();
                tags = ContentJson.tags(post.content());
            }
            case AggregateContent aggregate -> key = aggregate.key();
            case StoreContent store -> {
                ref = store.ref();
                itemHash = store.itemHash().value();
                paymentType = ContentJson.paymentType(incoming.contentJson());
            }
            case ProgramContent program -> paymentType = ContentJson.paymentType(incoming.contentJson());
            case InstanceContent instance -> paymentType = ContentJson.paymentType(incoming.contentJson());
            default -> {
            }
        }
        return new ContentFields(content.address(), content.time(), type, ref, key, tags, incoming.contentJson(),
                itemHash, paymentType);
    }
}
