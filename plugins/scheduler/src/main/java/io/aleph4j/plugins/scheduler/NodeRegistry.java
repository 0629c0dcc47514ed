package io.aleph4j.plugins.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The network's node registry, the {@code corechannel} aggregate (aleph-nodestatus publishes it): CCNs in
 * {@code nodes}, CRNs in {@code resource_nodes}, and which CRNs each CCN links ({@code resource_nodes} of a CCN, or
 * {@code parent} and {@code status: linked} of a CRN: either says it).
 */
record NodeRegistry(List<Ccn> ccns, List<Crn> crns) {

    /** A core channel node. */
    record Ccn(String hash, String owner, List<String> resourceNodes) {
    }

    /** A compute resource node and its public base URL ({@code address}). */
    record Crn(String hash, String url, String parent, String status) {
    }

    static final NodeRegistry EMPTY = new NodeRegistry(List.of(), List.of());

    NodeRegistry {
        ccns = List.copyOf(ccns);
        crns = List.copyOf(crns);
    }

    static NodeRegistry parse(JsonNode corechannel) {
        List<Ccn> ccns = new ArrayList<>();
        for (JsonNode node : corechannel.path("nodes")) {
            List<String> linked = new ArrayList<>();
            node.path("resource_nodes").forEach(hash -> linked.add(hash.asText()));
            ccns.add(new Ccn(node.path("hash").asText(), node.path("owner").asText(), linked));
        }
        List<Crn> crns = new ArrayList<>();
        for (JsonNode node : corechannel.path("resource_nodes")) {
            crns.add(new Crn(node.path("hash").asText(), node.path("address").asText(""),
                    node.path("parent").asText(""), node.path("status").asText("")));
        }
        return new NodeRegistry(ccns, crns);
    }

    /** The CRNs linked to the CCN {@code ccnHash} that have an address to reach them at. */
    List<Crn> linkedTo(String ccnHash) {
        Set<String> listed = new LinkedHashSet<>();
        ccns.stream().filter(ccn -> ccn.hash().equals(ccnHash)).forEach(ccn -> listed.addAll(ccn.resourceNodes()));
        return crns.stream()
                .filter(crn -> listed.contains(crn.hash())
                        || (crn.parent().equals(ccnHash) && crn.status().equals("linked")))
                .filter(crn -> crn.url().startsWith("http://") || crn.url().startsWith("https://"))
                .toList();
    }
}
