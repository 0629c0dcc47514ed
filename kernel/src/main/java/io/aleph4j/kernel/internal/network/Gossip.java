package io.aleph4j.kernel.internal.network;

import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageRefusedException;
import io.aleph4j.api.network.MessagePublisher;
import io.aleph4j.api.network.PublicationStatus;
import io.aleph4j.api.network.TopicMessage;
import io.aleph4j.api.network.TopicVerdict;
import io.aleph4j.api.network.Transport;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.pipeline.KernelMessageIntake;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages topic ({@code ALEPH-TEST}) on every transport, as the reference uses it: a client's message is
 * published there once it is durable in this node's inbox, unless its signature is forged (the reference publishes
 * before any check, but its peers do not check either); a message a peer publishes is URL-unquoted, parsed,
 * checked (its signature too: a forged one is rejected, so it goes no further and its relayer is scored down),
 * deduplicated on sender, item hash and signature, and logged in the inbox like a client's (in batches, after its
 * verdict: see {@link GossipInbox}), where the pipeline
 * checks it again and decides its status. Nothing is trusted because a peer sent it.
 */
@Singleton
public final class Gossip implements MessagePublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gossip.class);
    /** The reference's gossipsub max_transmit_size: a larger message would be refused by every peer. */
    static final int MAX_MESSAGE_BYTES = 262_144;
    /** The reference keeps this many (sender, item_hash, signature) keys to drop repeats. */
    private static final int SEEN_KEYS = 200_000;

    private final KernelMessageIntake intake;
    private final String topic;
    private final PeerLimits limits;
    private final RecentKeys seen = new RecentKeys(SEEN_KEYS);
    private final Counters counters = new Counters();
    private volatile List<Transport> transports = List.of();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private volatile GossipInbox inbox;

    @Inject
    Gossip(KernelMessageIntake intake, KernelConfig config, Clock clock) {
        this.intake = intake;
        this.topic = config.gossip().topic();
        int rate = config.gossip().peerMessagesPerSecond();
        this.limits = new PeerLimits(rate, 2.0 * rate, config.gossip().peerInvalidPerMinute(), clock);
    }

    /** The transports contributed, once the node is assembled. */
    public void attach(List<Transport> contributed) {
        transports = List.copyOf(contributed);
    }

    /** Starts receiving on every transport; after the plugins started (their transports run). */
    public synchronized void start() {
        inbox = new GossipInbox(batch -> intake.submitAllParsed(batch, Origin.P2P), GossipInbox.CAPACITY);
        for (Transport transport : transports) {
            subscriptions.add(transport.subscribe(topic, message -> receive(transport, message)));
        }
    }

    @Override
    public PublicationStatus publish(Message message) {
        List<Transport> current = transports;
        List<String> failed = new ArrayList<>();
        if (!current.isEmpty() && forged(message)) {
            // Peers that check signatures (aleph4j's do) would reject it and score this node down, then cut it
            // off: a client's forgery must not cost the node its peers. The pipeline rejects it here as usual.
            counters.publicationsFailed.increment();
            return new PublicationStatus(current.stream().map(Transport::protocol).distinct().toList(),
                    current.size());
        }
        if (current.isEmpty()) {
            // A node without peers (the dev node, an embedded one): no envelope to build, a few µs per message.
            return new PublicationStatus(failed, 0);
        }
        byte[] payload = EnvelopeJson.of(message);
        for (Transport transport : current) {
            try {
                if (payload.length > MAX_MESSAGE_BYTES) {
                    throw new IOException("the envelope is " + payload.length + " bytes; peers take at most "
                            + MAX_MESSAGE_BYTES);
                }
                transport.publish(topic, payload);
                counters.published.increment();
            } catch (IOException | RuntimeException e) {
                counters.publicationsFailed.increment();
                LOG.warn("{} could not publish {}: {}", transport.protocol(), message.itemHash().value(),
                        e.getMessage());
                if (!failed.contains(transport.protocol())) {
                    failed.add(transport.protocol());
                }
            }
        }
        return new PublicationStatus(failed, current.size());
    }

    private boolean forged(Message message) {
        return intake.verify(message).filter(reason -> reason.code() == ErrorCode.INVALID_SIGNATURE).isPresent();
    }

    TopicVerdict receive(Transport transport, TopicMessage message) {
        if (!limits.admit(message.relayer())) {
            counters.throttled.increment();
            return TopicVerdict.IGNORE;
        }
        Message checked;
        try {
            checked = intake.check(envelope(message));
        } catch (MalformedMessageException | CharacterCodingException e) {
            return invalid(transport, message, e.getMessage());
        } catch (MessageRefusedException e) {
            if (e.reason().code() == ErrorCode.INVALID_SIGNATURE) {
                return invalid(transport, message, e.getMessage());
            }
            // A permission this node cannot see yet (a delegation still on its way, say): the pipeline decides,
            // as it does for a client's message.
            return log(message, () -> intake.submit(envelope(message), Origin.P2P).message());
        }
        String key = key(checked);
        if (!seen.add(key)) {
            counters.duplicates.increment();
            return TopicVerdict.ACCEPT;
        }
        // Checked, so forwarded at once; logged in the next batch (see GossipInbox).
        GossipInbox logging = inbox;
        if (logging == null || !logging.offer(checked)) {
            seen.remove(key);
            counters.throttled.increment();
            return TopicVerdict.IGNORE;
        }
        counters.received.increment();
        return TopicVerdict.ACCEPT;
    }

    /** Logs a checked message in the inbox. */
    private TopicVerdict log(TopicMessage message, Submission submission) {
        try {
            seen.add(key(submission.submit()));
        } catch (MalformedMessageException e) {
            // check() took it: only a parse that differs from check()'s could get here.
            LOG.warn("a message from peer {} passed its checks but not the inbox's: {}", message.source(),
                    e.getMessage());
            return TopicVerdict.IGNORE;
        } catch (CharacterCodingException e) {
            return TopicVerdict.IGNORE;
        } catch (RuntimeException e) {
            // The log refused it (stopping, a full disk): not the peer's fault, and not forwarded as if taken.
            LOG.warn("a message from peer {} could not be logged: {}", message.source(), e.toString());
            return TopicVerdict.IGNORE;
        }
        counters.received.increment();
        return TopicVerdict.ACCEPT;
    }

    private interface Submission {
        Message submit() throws MalformedMessageException, CharacterCodingException;
    }

    private static String key(Message message) {
        return message.sender() + "\n" + message.itemHash().value() + "\n" + message.signature();
    }

    private static String envelope(TopicMessage message) throws CharacterCodingException {
        return PythonUnquote.unquote(utf8(message.data()));
    }

    private TopicVerdict invalid(Transport transport, TopicMessage message, String why) {
        counters.rejected.increment();
        LOG.debug("invalid message from peer {} (via {}): {}", message.source(), message.relayer(), why);
        if (limits.invalid(message.relayer())) {
            LOG.warn("disconnecting peer {}: too many invalid messages", message.relayer());
            transport.disconnect(message.relayer());
        }
        return TopicVerdict.REJECT;
    }

    private static String utf8(byte[] data) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
    }

    /** The peers connected now, over every transport (a peer on two transports counts once). */
    public long connectedPeers() {
        Set<String> peers = new HashSet<>();
        for (Transport transport : transports) {
            peers.addAll(transport.peers());
        }
        return peers.size();
    }

    /** What crossed the topic since the node started. */
    public Counters counters() {
        return counters;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("closing a subscription to {} failed", topic, e);
            }
        }
        subscriptions.clear();
        if (inbox != null) {
            // After the subscriptions: nothing more arrives, and what was accepted is logged before the node stops.
            inbox.close();
            inbox = null;
        }
    }

    /** Counts of messages by outcome. */
    public static final class Counters {
        final LongAdder published = new LongAdder();
        final LongAdder publicationsFailed = new LongAdder();
        final LongAdder received = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder throttled = new LongAdder();

        public long published() {
            return published.sum();
        }

        public long publicationsFailed() {
            return publicationsFailed.sum();
        }

        public long received() {
            return received.sum();
        }

        public long duplicates() {
            return duplicates.sum();
        }

        public long rejected() {
            return rejected.sum();
        }

        public long throttled() {
            return throttled.sum();
        }
    }
}
