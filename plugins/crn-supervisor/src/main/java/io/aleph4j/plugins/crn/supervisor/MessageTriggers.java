package io.aleph4j.plugins.crn.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Message-triggered programs ({@code on.message}): every message this node processes is matched against the
 * subscriptions of the PROGRAMs it holds, and each program with a matching subscription is run with it (the
 * reference's {@code aleph.message} event). Unlike the reference, whose CRN learns only the programs posted after
 * it started, the listeners are loaded from the node's state at start, and the events are followed from a saved
 * position, so a message processed while the supervisor was stopped still triggers its programs when it is back.
 */
final class MessageTriggers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MessageTriggers.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateQueries state;
    private final ExecutionPool pool;
    /** Program item hash → its subscriptions. */
    private final Map<String, List<JsonNode>> listeners = new ConcurrentHashMap<>();
    private static final int DELIVERY_ATTEMPTS = 2;
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private Subscription events;

    MessageTriggers(StateQueries state, ExecutionPool pool) {
        this.state = state;
        this.pool = pool;
    }

    /** Loads the listeners the node holds, then follows its processed messages. */
    void start(MessageLog log) {
        MessageFilter programs = MessageFilter.builder().types(MessageType.PROGRAM).statuses(MessageStatus.PROCESSED)
                .build();
        for (MessageRecord program : state.messages(programs, PageRequest.first(0, SortOrder.ASCENDING)).items()) {
            register(program);
        }
        LOG.log(System.Logger.Level.INFO, "{0} message-triggered programs loaded", listeners.size());
        events = log.subscribeEvents("crn-supervisor-triggers", StartFrom.LATEST, (index, event) -> onEvent(event));
    }

    private void onEvent(MessageEvent event) {
        if (event.status() == MessageStatus.FORGOTTEN || event.status() == MessageStatus.REMOVED) {
            listeners.remove(event.itemHash().value());
            return;
        }
        if (event.status() != MessageStatus.PROCESSED) {
            return;
        }
        Optional<MessageRecord> record = state.message(event.itemHash());
        if (record.isEmpty()) {
            return;
        }
        if (record.get().type() == MessageType.PROGRAM) {
            register(record.get());
        }
        if (listeners.isEmpty()) {
            return;
        }
        ObjectNode message = messageJson(record.get());
        String text = message.toString();
        for (Map.Entry<String, List<JsonNode>> listener : listeners.entrySet()) {
            if (listener.getValue().stream().anyMatch(subscription -> matches(subscription, message))) {
                String program = listener.getKey();
                deliveries.execute(() -> deliver(program, event.itemHash(), text));
            }
        }
    }

    /**
     * Runs the program on the message, trying a second time after a failed start: the sandboxes of several
     * programs triggered by one message start at once, and creating their network namespaces at the same moment
     * has failed now and then ("bwrap: loopback: Failed RTM_NEWADDR"), which would lose the event for good.
     */
    private void deliver(String program, ItemHash message, String messageJson) {
        for (int attempt = 1; ; attempt++) {
            try {
                pool.deliver(ItemHash.of(program), messageJson);
                delivered.increment();
                LOG.log(System.Logger.Level.DEBUG, "program {0} ran on message {1}", program, message.value());
                return;
            } catch (ProgramProblem | io.aleph4j.api.vm.VmException | RuntimeException e) {
                if (attempt < DELIVERY_ATTEMPTS && pauseBeforeRetry()) {
                    LOG.log(System.Logger.Level.INFO, "program {0} could not run on message {1}, trying again: "
                            + "{2}", program, message.value(), e.getMessage());
                    continue;
                }
                failed.increment();
                LOG.log(System.Logger.Level.WARNING, "program {0} could not run on message {1}: {2}", program,
                        message.value(), e.getMessage());
                return;
            }
        }
    }

    /** False when the node is stopping (the delivery thread was interrupted). */
    private static boolean pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void register(MessageRecord program) {
        if (program.content() == null || program.content().json() == null) {
            return;
        }
        try {
            JsonNode subscriptions = JSON.readTree(program.content().json()).path("on").path("message");
            if (subscriptions.isArray() && !subscriptions.isEmpty()) {
                List<JsonNode> list = new ArrayList<>();
                subscriptions.forEach(list::add);
                listeners.put(program.itemHash().value(), List.copyOf(list));
            }
        } catch (IOException e) {
            // A processed PROGRAM's content is JSON; one that is not subscribes to nothing.
        }
    }

    /**
     * The reference's rule: every key of the subscription must match the message's attribute of that name; an
     * object recurses into the attribute (e.g. {@code {"content": {"ref": ...}}}); other values compare as text.
     */
    static boolean matches(JsonNode subscription, JsonNode message) {
        if (!subscription.isObject() || message == null || !message.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = subscription.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode actual = message.get(field.getKey());
            JsonNode wanted = field.getValue();
            if (actual == null || actual.isNull()) {
                return false;
            }
            if (wanted.isObject()) {
                if (!matches(wanted, actual)) {
                    return false;
                }
            } else if (wanted.isValueNode() && actual.isValueNode()) {
                if (!wanted.asText().equals(actual.asText())) {
                    return false;
                }
            } else if (!wanted.equals(actual)) {
                return false;
            }
        }
        return true;
    }

    /** The message as the messages API shows it: its envelope and its content. */
    static ObjectNode messageJson(MessageRecord record) {
        ObjectNode message = JSON.createObjectNode();
        message.put("chain", record.chain().code()).put("sender", record.sender()).put("type", record.type().name())
                .put("channel", record.channel()).put("time", record.time())
                .put("item_type", record.itemType().wireName())
                .put("item_hash", record.itemHash().value()).put("signature", record.signature());
        if (record.itemContent() != null) {
            message.put("item_content", record.itemContent());
        }
        try {
            if (record.content() != null && record.content().json() != null) {
                message.set("content", JSON.readTree(record.content().json()));
            }
        } catch (IOException e) {
            // Left without content.
        }
        return message;
    }

    long delivered() {
        return delivered.sum();
    }

    long failed() {
        return failed.sum();
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
        }
        deliveries.shutdownNow();
    }
}
