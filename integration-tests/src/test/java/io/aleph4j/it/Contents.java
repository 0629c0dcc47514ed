package io.aleph4j.it;

import io.aleph4j.api.message.ItemHash;

/** Content JSON of each message type, written the way the SDKs write it. */
final class Contents {

    private Contents() {
    }

    static String post(String address, String type, String body, double time) {
        return "{\"type\":\"" + type + "\",\"address\":\"" + address + "\",\"content\":" + body + ",\"time\":" + time
                + "}";
    }

    static String amend(String address, ItemHash original, String body, double time) {
        return "{\"type\":\"amend\",\"address\":\"" + address + "\",\"content\":" + body + ",\"time\":" + time
                + ",\"ref\":\"" + original.value() + "\"}";
    }

    static String aggregate(String address, String key, String body, double time) {
        return "{\"address\":\"" + address + "\",\"key\":\"" + key + "\",\"content\":" + body + ",\"time\":" + time
                + "}";
    }

    static String store(String address, ItemHash file, String ref, double time) {
        return store(address, "storage", file, ref, time);
    }

    /** A STORE of a file on IPFS (item_type ipfs, its CID). */
    static String ipfsStore(String address, ItemHash cid, double time) {
        return store(address, "ipfs", cid, null, time);
    }

    private static String store(String address, String itemType, ItemHash file, String ref, double time) {
        return "{\"address\":\"" + address + "\",\"item_type\":\"" + itemType + "\",\"item_hash\":\""
                + file.value() + "\",\"time\":" + time + (ref == null ? "" : ",\"ref\":\"" + ref + "\"") + "}";
    }

    static String forget(String address, double time, ItemHash... hashes) {
        StringBuilder list = new StringBuilder();
        for (ItemHash hash : hashes) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(hash.value()).append('"');
        }
        return "{\"address\":\"" + address + "\",\"hashes\":[" + list + "],\"time\":" + time + "}";
    }

    static String forgetAggregates(String address, double time, String... keys) {
        StringBuilder list = new StringBuilder();
        for (String key : keys) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(key).append('"');
        }
        return "{\"address\":\"" + address + "\",\"hashes\":[],\"aggregates\":[" + list + "],\"time\":" + time + "}";
    }

    static String security(String address, String authorizations, double time) {
        return aggregate(address, "security", "{\"authorizations\":" + authorizations + "}", time);
    }
}
