package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.HandlerContext.ActionScope;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.AggregateContent;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageContent;
import io.aleph4j.api.message.PostContent;
import io.aleph4j.api.state.MessageRecord;

/** The attributes of a message that a delegation's filters are matched against. */
public final class Scopes {

    private Scopes() {
    }

    static ActionScope of(IncomingMessage incoming) {
        return of(incoming.message(), incoming.content());
    }

    /** The scope of a message with its parsed content. */
    public static ActionScope of(Message message, MessageContent content) {
        String postType = content instanceof PostContent post ? post.type() : null;
        String key = content instanceof AggregateContent aggregate ? aggregate.key() : null;
        return new ActionScope(message.chain(), message.channel(), message.type(), postType, key);
    }

    /** The scope of an already stored message, as the reference evaluates it for amends and forgets. */
    static ActionScope of(MessageRecord record) {
        String type = record.content() == null ? null : record.content().type();
        String key = record.content() == null ? null : record.content().key();
        return new ActionScope(record.chain(), record.channel(), record.type(),
                record.type() == io.aleph4j.api.message.MessageType.POST ? type : null,
                record.type() == io.aleph4j.api.message.MessageType.AGGREGATE ? key : null);
    }
}
