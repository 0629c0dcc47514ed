package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.HandlerContext;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.PostContent;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.StateTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * POST: a post row per message. An amend ({@code type: "amend"}, {@code ref}: the original's hash) replaces the
 * original's content when read; the amend with the latest content time wins. An amend needs its original
 * (pending until it is processed, 101), may not target an amend (102), must keep the original's address, and its
 * sender must be allowed to post as the original's owner with the original's attributes (the reference's rule).
 * A scoring POST's measurements are kept as node metrics ({@link ScoringPosts}), and dropped with the POST.
 */
public final class PostHandler implements ContentHandler {

    private final ScoringPosts scoring;

    /** @param scoring which POSTs carry the network's scoring measurements, kept as node metrics */
    public PostHandler(ScoringPosts scoring) {
        this.scoring = scoring;
    }

    @Override
    public String extensionName() {
        return "kernel-post";
    }

    @Override
    public MessageType messageType() {
        return MessageType.POST;
    }

    @Override
    public HandlerOutcome apply(IncomingMessage message, HandlerContext context) {
        PostContent content = (PostContent) message.content();
        StateTransaction state = context.state();
        String sender = message.message().sender();
        ItemHash amended = null;
        if (content.isAmend()) {
            if (content.ref() == null) {
                return Rejections.reject(ErrorCode.POST_AMEND_NO_TARGET, "an amend needs a 'ref'");
            }
            Optional<ItemHash> target = asHash(content.ref());
            if (target.isEmpty()) {
                return Rejections.reject(ErrorCode.POST_AMEND_NO_TARGET, "an amend's ref '" + content.ref()
                        + "' is not an item hash");
            }
            amended = target.get();
            Optional<PostRecord> original = state.post(amended);
            if (original.isEmpty()) {
                return HandlerOutcome.waitingFor(amended, RejectionReason.of(ErrorCode.POST_AMEND_TARGET_NOT_FOUND,
                        "the amended post " + amended + " is not processed yet"));
            }
            if (original.get().isAmend()) {
                return Rejections.reject(ErrorCode.POST_AMEND_AMEND, "post " + amended
                        + " is itself an amend; amend the original post instead");
            }
            String owner = original.get().owner();
            if (!content.address().equalsIgnoreCase(owner)) {
                return Rejections.reject(ErrorCode.PERMISSION_DENIED, "an amend of " + amended
                        + " must have the original's address " + owner + ", not " + content.address());
            }
            Optional<MessageRecord> originalMessage = state.message(amended);
            if (originalMessage.isEmpty()
                    || !context.mayActFor(sender, owner, Scopes.of(originalMessage.get()))) {
                return Rejections.notAuthorized(sender, owner);
            }
        } else if (!context.mayActFor(sender, content.address(), Scopes.of(message))) {
            return Rejections.notAuthorized(sender, content.address());
        }

        ItemHash hash = message.message().itemHash();
        state.putPost(PostRecord.builder(hash, content.address(), content.type()).ref(content.ref()).amends(amended)
                .channel(message.message().channel()).tags(message.fields().tags())
                .json(content.content() == null ? null : content.content().json()).time(content.time()).build());
        List<NodeMetric> metrics = scoring.metricsOf(message.message(), content);
        if (!metrics.isEmpty()) {
            state.putNodeMetrics(hash, metrics);
        }
        if (amended != null) {
            PostRecord original = state.post(amended).orElseThrow();
            double currentTime = original.latestAmend() == null ? original.time()
                    : state.post(original.latestAmend()).map(PostRecord::time).orElse(original.time());
            if (currentTime < content.time()) {
                state.setLatestAmend(amended, hash);
            }
        }
        return HandlerOutcome.applied();
    }

    @Override
    public List<ItemHash> forget(MessageRecord target, HandlerContext context) {
        StateTransaction state = context.state();
        Optional<PostRecord> post = state.post(target.itemHash());
        if (post.isEmpty()) {
            return List.of();
        }
        state.deleteNodeMetrics(target.itemHash());
        List<ItemHash> forgottenWith = new ArrayList<>();
        for (PostRecord amend : state.amendsOf(target.itemHash())) {
            state.deletePost(amend.itemHash());
            forgottenWith.add(amend.itemHash());
        }
        state.deletePost(target.itemHash());
        ItemHash original = post.get().amends();
        if (original != null) {
            state.post(original).filter(o -> target.itemHash().equals(o.latestAmend())).ifPresent(o -> {
                ItemHash latest = state.amendsOf(original).stream()
                        .filter(amend -> amend.time() > o.time())
                        .max(Comparator.comparingDouble(PostRecord::time))
                        .map(PostRecord::itemHash).orElse(null);
                state.setLatestAmend(original, latest);
            });
        }
        return forgottenWith;
    }

    private static Optional<ItemHash> asHash(String ref) {
        try {
            return Optional.of(ItemHash.of(ref));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
