package io.aleph4j.kernel.internal.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.kernel.internal.KernelJson;
import java.util.List;

/** The JSON work handlers share: merging aggregate elements. */
public final class ContentJson {

    private static final ObjectMapper JSON = KernelJson.MAPPER;

    private ContentJson() {
    }

    /**
     * An aggregate's content: its elements' top-level keys merged in the given order, a later element's value
     * replacing an earlier one's (the reference's shallow merge).
     */
    public static String merge(List<AggregateElement> elementsInTimeOrder) {
        ObjectNode merged = JSON.createObjectNode();
        for (AggregateElement element : elementsInTimeOrder) {
            mergeInto(merged, element.json());
        }
        return merged.toString();
    }

    /** {@code base} with the top-level keys of {@code later} set over it. */
    public static String merge(String base, String later) {
        ObjectNode merged = (ObjectNode) read(base);
        mergeInto(merged, later);
        return merged.toString();
    }

    private static void mergeInto(ObjectNode target, String json) {
        JsonNode node = read(json);
        if (node instanceof ObjectNode object) {
            target.setAll(object);
        }
    }

    private static JsonNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            // Stored JSON was validated on the way in; an unreadable value counts as empty rather than failing
            // every later message of the aggregate.
            return JSON.createObjectNode();
        }
    }
}
