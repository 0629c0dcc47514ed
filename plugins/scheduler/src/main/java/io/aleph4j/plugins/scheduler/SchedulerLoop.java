package io.aleph4j.plugins.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One scheduling round: the registry and the persistent programs from this node's state, the linked CRNs' free
 * resources, the plan, and each reachable CRN told its whole set (an empty one too, so that it stops what moved
 * away), as the reference's scheduler does every tick. A CRN that does not answer gets nothing and its programs
 * are placed on the others.
 */
final class SchedulerLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(SchedulerLoop.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateQueries state;
    private final SchedulerConfig config;
    private final CrnClient crns;
    private final AtomicReference<SchedulePlanner.Plan> lastPlan = new AtomicReference<>(
            new SchedulePlanner.Plan(Map.of(), List.of()));

    SchedulerLoop(StateQueries state, SchedulerConfig config, CrnClient crns) {
        this.state = state;
        this.config = config;
        this.crns = crns;
    }

    @Override
    public void run() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a scheduling round failed; the next one tries again", e);
        }
    }

    void round() {
        NodeRegistry registry = registry();
        List<NodeRegistry.Crn> linked = registry.linkedTo(config.nodeHash());
        List<SchedulePlanner.Capacity> reachable = new ArrayList<>();
        for (NodeRegistry.Crn crn : linked) {
            crns.capacity(crn).ifPresentOrElse(reachable::add, () -> LOG.log(System.Logger.Level.DEBUG,
                    "CRN {0} at {1} does not answer its usage; nothing is placed on it", crn.hash(), crn.url()));
        }
        SchedulePlanner.Plan plan = SchedulePlanner.plan(persistentPrograms(), reachable);
        SchedulePlanner.Plan previous = lastPlan.getAndSet(plan);
        if (!plan.equals(previous)) {
            LOG.log(System.Logger.Level.INFO, "schedule: {0}{1}", plan.byCrn(), plan.unplaced().isEmpty() ? ""
                    : "; no room for " + plan.unplaced());
        }
        for (NodeRegistry.Crn crn : linked) {
            List<String> programs = plan.byCrn().get(crn.hash());
            if (programs == null) {
                continue;
            }
            try {
                crns.allocate(crn, programs);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "CRN {0} refused its allocation: {1}", crn.hash(),
                        e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    SchedulePlanner.Plan lastPlan() {
        return lastPlan.get();
    }

    private NodeRegistry registry() {
        Optional<AggregateRecord> corechannel = state.aggregate(config.registryOwner(), "corechannel");
        if (corechannel.isEmpty()) {
            return NodeRegistry.EMPTY;
        }
        try {
            return NodeRegistry.parse(JSON.readTree(corechannel.get().json()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the corechannel aggregate is not JSON", e);
            return NodeRegistry.EMPTY;
        }
    }

    /** The processed PROGRAMs whose {@code on.persistent} is true. */
    private List<SchedulePlanner.Program> persistentPrograms() {
        MessageFilter filter = MessageFilter.builder().types(MessageType.PROGRAM).statuses(MessageStatus.PROCESSED)
                .build();
        List<SchedulePlanner.Program> programs = new ArrayList<>();
        for (MessageRecord record : state.messages(filter, PageRequest.first(0, SortOrder.ASCENDING)).items()) {
            if (record.content() == null || record.content().json() == null) {
                continue;
            }
            try {
                JsonNode content = JSON.readTree(record.content().json());
                if (content.path("on").path("persistent").asBoolean(false)) {
                    programs.add(new SchedulePlanner.Program(record.itemHash().value(),
                            Math.max(1, content.path("resources").path("vcpus").asInt(1)),
                            Math.max(1, content.path("resources").path("memory").asInt(128))));
                }
            } catch (IOException e) {
                // A PROGRAM the node processed has JSON content; one that does not is nothing to schedule.
            }
        }
        return programs;
    }
}
