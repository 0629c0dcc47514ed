package io.aleph4j.kernel.internal.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.incubating.HandlerContext.ActionScope;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.internal.KernelJson;
import java.util.Optional;

/**
 * The reference's delegation rule: a sender may act for an owner when it is the owner (addresses compared
 * case-insensitively), or when the owner's {@code security} aggregate lists it under {@code authorizations} with
 * filters that all match the action: {@code chain}, {@code channels}, {@code types}, {@code post_types} (POST
 * only) and {@code aggregate_keys} (AGGREGATE only). An absent or empty filter matches everything.
 */
public final class Authorizations {

    static final String SECURITY_KEY = "security";
    private static final ObjectMapper JSON = KernelJson.MAPPER;

    private Authorizations() {
    }

    public static boolean mayActFor(StateQueries state, String sender, String owner, ActionScope scope) {
        if (sender.equalsIgnoreCase(owner)) {
            return true;
        }
        Optional<AggregateRecord> security = state.aggregate(owner, SECURITY_KEY);
        if (security.isEmpty()) {
            return false;
        }
        JsonNode entries;
        try {
            entries = JSON.readTree(security.get().json()).path("authorizations");
        } catch (JsonProcessingException e) {
            return false;
        }
        if (!entries.isArray()) {
            return false;
        }
        for (JsonNode entry : entries) {
            if (entry.isObject() && grants(entry, sender, scope)) {
                return true;
            }
        }
        return false;
    }

    private static boolean grants(JsonNode entry, String sender, ActionScope scope) {
        if (!entry.path("address").isTextual() || !entry.get("address").textValue().equalsIgnoreCase(sender)) {
            return false;
        }
        JsonNode chain = entry.path("chain");
        if (chain.isTextual() && !chain.textValue().isEmpty() && !chain.textValue().equals(scope.chain().code())) {
            return false;
        }
        if (!allows(entry.path("channels"), scope.channel())) {
            return false;
        }
        if (!allows(entry.path("types"), scope.type().name())) {
            return false;
        }
        if (scope.postType() != null && !allows(entry.path("post_types"), scope.postType())) {
            return false;
        }
        return scope.aggregateKey() == null || allows(entry.path("aggregate_keys"), scope.aggregateKey());
    }

    /** An absent or empty list allows anything; otherwise the value must be one of its strings. */
    private static boolean allows(JsonNode list, String value) {
        if (!list.isArray() || list.isEmpty()) {
            return true;
        }
        for (JsonNode item : list) {
            if (item.isTextual() && item.textValue().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
