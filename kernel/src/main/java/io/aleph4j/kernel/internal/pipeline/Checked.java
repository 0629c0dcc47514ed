package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.RejectionReason;

/** What the worker-side checks found out about one message, before any state is looked at. */
sealed interface Checked {

    /** Hash, signature and content are good; the content is parsed. */
    record Valid(IncomingMessage incoming) implements Checked {
    }

    /** The message can never be valid. */
    record Invalid(RejectionReason reason) implements Checked {
    }

    /** The content is not available yet; the message stays pending and is tried again later. */
    record Unavailable(RejectionReason reason) implements Checked {
    }
}
