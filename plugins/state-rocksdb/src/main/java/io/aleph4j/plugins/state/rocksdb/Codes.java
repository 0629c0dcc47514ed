package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.NodeKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one-byte codes the store writes for the API's enums. Fixed here by name, never by ordinal: a constant added
 * to an enum in the middle must not renumber what is on disk. 0 is never a code.
 */
final class Codes<E extends Enum<E>> {

    static final Codes<MessageStatus> STATUS = new Codes<>(MessageStatus.class, "message status",
            List.of("PENDING", "PROCESSED", "REJECTED", "FORGOTTEN", "REMOVING", "REMOVED"));
    static final Codes<MessageType> TYPE = new Codes<>(MessageType.class, "message type",
            List.of("POST", "AGGREGATE", "STORE", "PROGRAM", "INSTANCE", "FORGET"));
    static final Codes<ItemType> ITEM_TYPE = new Codes<>(ItemType.class, "item type",
            List.of("INLINE", "STORAGE", "IPFS"));
    static final Codes<NodeKind> NODE_KIND = new Codes<>(NodeKind.class, "node kind", List.of("CCN", "CRN"));

    private final String what;
    private final Map<E, Integer> codes;
    private final Object[] constants;

    private Codes(Class<E> type, String what, List<String> names) {
        this.what = what;
        this.codes = new EnumMap<>(type);
        this.constants = new Object[names.size() + 1];
        for (E constant : type.getEnumConstants()) {
            int index = names.indexOf(constant.name());
            if (index >= 0) {
                codes.put(constant, index + 1);
                constants[index + 1] = constant;
            }
        }
    }

    int of(E constant) {
        Integer code = codes.get(constant);
        if (code == null) {
            throw new IllegalArgumentException("state-rocksdb cannot store the " + what + " " + constant
                    + ": this version of the plugin has no code for it; upgrade the plugin");
        }
        return code;
    }

    @SuppressWarnings("unchecked")
    E constant(int code) {
        if (code <= 0 || code >= constants.length || constants[code] == null) {
            throw new IllegalStateException("the store holds an unknown " + what + " code " + code
                    + ": it was written by a newer version of state-rocksdb");
        }
        return (E) constants[code];
    }

    /** How many codes there are (the highest code). */
    int count() {
        return constants.length - 1;
    }
}
