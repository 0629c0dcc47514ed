package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.HandlerOutcome.Dependency;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.message.AggregateContent;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.kernel.internal.handlers.ForgettingContext;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies checked messages to the state store, one batch per transaction, on the pipeline's single applying
 * thread: duplicates, the type's handler, statuses, and the messages that wait for another one. The batch's
 * highest inbox index is committed with its state, so a restart resumes right after it.
 *
 * <p>Not thread-safe: only the pipeline's sequencer thread calls it.
 */
final class StateApplier {

    /** What one batch produced: the events to publish after the commit and the messages to fetch again later. */
    record Outcome(List<MessageEvent> events, List<Work> contentRetries) {
    }

    private final StateStore store;
    private final Map<MessageType, ContentHandler> handlers;
    private final Clock clock;
    private final int maxRetries;
    /** Valid messages waiting for a dependency, by what they wait for. */
    private final Map<Dependency, List<Processed>> parked = new HashMap<>();
    /** Hashes pending in memory (parked or scheduled for a content retry): a new copy of one is not re-run. */
    private final Set<ItemHash> pendingHere = new HashSet<>();
    /** Parked messages re-queued by a wake-up in the running batch: they run although pending here. */
    private final Map<Processed, Boolean> rerunMarks = new IdentityHashMap<>();
    private volatile int parkedCount;

    /** @param maxRetries how many retries a message whose content is missing gets before it is rejected */
    StateApplier(StateStore store, Map<MessageType, ContentHandler> handlers, Clock clock, int maxRetries) {
        this.store = store;
        this.handlers = Map.copyOf(handlers);
        this.clock = clock;
        this.maxRetries = maxRetries;
    }

    Outcome apply(List<Processed> batch) {
        long through = store.appliedInboxIndex();
        for (Processed processed : batch) {
            through = Math.max(through, processed.work().inboxIndex());
        }
        Map<Dependency, List<Processed>> parkedBefore = copy(parked);
        Set<ItemHash> pendingBefore = Set.copyOf(pendingHere);
        try (StateTransaction tx = store.begin()) {
            Batch run = new Batch(tx);
            batch.forEach(run.queue::add);
            while (!run.queue.isEmpty()) {
                run.applyOne(run.queue.poll());
            }
            tx.commit(through);
            return new Outcome(List.copyOf(run.events), List.copyOf(run.retries));
        } catch (RuntimeException | Error e) {
            // The transaction rolled back: so must what this batch changed in memory.
            parked.clear();
            parked.putAll(parkedBefore);
            pendingHere.clear();
            pendingHere.addAll(pendingBefore);
            rerunMarks.clear();
            throw e;
        } finally {
            parkedCount = parked.values().stream().mapToInt(List::size).sum();
        }
    }

    /** How many messages wait for a dependency, as of the last batch; safe from any thread (metrics read it). */
    int parkedCount() {
        return parkedCount;
    }

    /** Forgets everything held in memory (replay rebuilds it). */
    void clear() {
        parked.clear();
        pendingHere.clear();
        parkedCount = 0;
    }

    private static Map<Dependency, List<Processed>> copy(Map<Dependency, List<Processed>> source) {
        Map<Dependency, List<Processed>> copy = new HashMap<>();
        source.forEach((dependency, waiting) -> copy.put(dependency, new ArrayList<>(waiting)));
        return copy;
    }

    /** One transaction's work. */
    private final class Batch implements ForgettingContext {

        final StateTransaction tx;
        final Deque<Processed> queue = new ArrayDeque<>();
        final List<MessageEvent> events = new ArrayList<>();
        final List<Work> retries = new ArrayList<>();
        long currentIndex;

        Batch(StateTransaction tx) {
            this.tx = tx;
        }

        void applyOne(Processed processed) {
            Work work = processed.work();
            Message message = work.entry().message();
            ItemHash hash = message.itemHash();
            currentIndex = work.inboxIndex();
            Optional<MessageRecord> existing = tx.message(hash);
            boolean rerun = work.isRetry() || rerunMarks.remove(processed) != null;
            if (existing.isPresent()) {
                MessageStatus status = existing.get().status();
                // A copy of a message handled already, or waiting here, changes nothing: it has no event, so that
                // what follows the events (streams, rebroadcasts) sees each message once.
                if (status != MessageStatus.PENDING && status != MessageStatus.REJECTED) {
                    return;
                }
                if (status == MessageStatus.PENDING && pendingHere.contains(hash) && !rerun) {
                    // It will be tried when the waiting copy's turn comes.
                    return;
                }
                if (status == MessageStatus.PENDING && processed.checked() instanceof Checked.Invalid invalid
                        && !work.isRetry()) {
                    // A bad copy (say, a wrong signature) must not replace the good one that is pending.
                    event(hash, MessageStatus.REJECTED, Optional.of(invalid.reason()));
                    return;
                }
            }
            pendingHere.remove(hash);
            switch (processed.checked()) {
                case Checked.Invalid invalid -> record(message, work, null, 0, MessageStatus.REJECTED,
                        Optional.of(invalid.reason()));
                case Checked.Unavailable unavailable -> {
                    if (work.attempt() >= maxRetries) {
                        // The reference's budget: the first try and max_retries more; then the message is rejected
                        // with the reason its content was missing (3, or 4 for a STORE's file).
                        record(message, work, null, 0, MessageStatus.REJECTED, Optional.of(unavailable.reason()));
                        return;
                    }
                    if (existing.isEmpty()) {
                        record(message, work, null, 0, MessageStatus.PENDING, Optional.empty());
                    }
                    pendingHere.add(hash);
                    retries.add(work);
                }
                case Checked.Valid valid -> applyValid(processed, valid.incoming());
            }
        }

        private void applyValid(Processed processed, IncomingMessage incoming) {
            Message message = incoming.message();
            ContentFields fields = incoming.fields();
            long size = incoming.contentJson().length();
            HandlerOutcome outcome = handlers.get(message.type()).apply(incoming, this);
            switch (outcome) {
                case HandlerOutcome.Applied applied -> {
                    record(message, processed.work(), fields, size, MessageStatus.PROCESSED, Optional.empty());
                    List<Processed> woken = new ArrayList<>(release(new Dependency.OnMessage(message.itemHash())));
                    if (incoming.content() instanceof AggregateContent aggregate) {
                        woken.addAll(release(new Dependency.OnAggregate(aggregate.address(), aggregate.key())));
                    }
                    runNext(woken);
                }
                case HandlerOutcome.Rejected rejected -> record(message, processed.work(), fields, size,
                        MessageStatus.REJECTED, Optional.of(rejected.reason()));
                case HandlerOutcome.Waiting waiting -> {
                    record(message, processed.work(), fields, size, MessageStatus.PENDING, Optional.empty());
                    parked.computeIfAbsent(waiting.awaited(), d -> new ArrayList<>()).add(processed);
                    pendingHere.add(message.itemHash());
                }
            }
        }

        private List<Processed> release(Dependency dependency) {
            List<Processed> waiting = parked.remove(dependency);
            return waiting == null ? List.of() : waiting;
        }

        /**
         * Runs woken messages next, in the order they parked, before the rest of the batch: where a batch ends
         * depends on timing, so a woken message must not run after log entries that follow the one that woke it,
         * or replaying the log could build a different state than the live run did.
         */
        private void runNext(List<Processed> woken) {
            for (Processed processed : woken.reversed()) {
                rerunMarks.put(processed, Boolean.TRUE);
                queue.addFirst(processed);
            }
        }

        private void record(Message message, Work work, ContentFields fields, long size, MessageStatus status,
                            Optional<RejectionReason> rejection) {
            MessageRecord.Builder record = MessageRecord.of(message, work.entry().receivedAt()).status(status);
            rejection.ifPresent(record::rejected);
            if (fields != null) {
                record.content(fields).size(size);
            }
            tx.putMessage(record.build());
            event(message.itemHash(), status, rejection);
        }

        private void event(ItemHash hash, MessageStatus status, Optional<RejectionReason> rejection) {
            events.add(new MessageEvent(hash, status, rejection, currentIndex, clock.instant()));
        }

        @Override
        public StateTransaction state() {
            return tx;
        }

        @Override
        public boolean mayActFor(String sender, String owner, ActionScope scope) {
            return Authorizations.mayActFor(tx, sender, owner, scope);
        }

        @Override
        public ContentHandler handlerFor(MessageType type) {
            return handlers.get(type);
        }

        @Override
        public void markForgotten(ItemHash target, ItemHash forgottenBy) {
            Optional<MessageRecord> found = tx.message(target);
            if (found.isEmpty()) {
                return;
            }
            MessageRecord record = found.get();
            List<ItemHash> by = new ArrayList<>(record.forgottenBy());
            if (!by.contains(forgottenBy)) {
                by.add(forgottenBy);
            }
            tx.putMessage(record.toBuilder().itemContent(null).status(MessageStatus.FORGOTTEN)
                    .content(record.content() == null ? null : record.content().withoutJson()).forgottenBy(by)
                    .build());
            event(target, MessageStatus.FORGOTTEN, Optional.empty());
        }
    }

}
