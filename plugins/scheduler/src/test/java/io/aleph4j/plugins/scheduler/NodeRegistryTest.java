package io.aleph4j.plugins.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {

    private static final String CORECHANNEL = """
            {"nodes": [
              {"hash": "ccn-1", "owner": "0xA", "resource_nodes": ["crn-listed"], "status": "active"},
              {"hash": "ccn-2", "owner": "0xB", "resource_nodes": ["crn-other"], "status": "active"}],
             "resource_nodes": [
              {"hash": "crn-listed", "address": "https://listed.example", "parent": "ccn-1", "status": "linked"},
              {"hash": "crn-parent", "address": "http://parent.example:4020", "parent": "ccn-1", "status": "linked"},
              {"hash": "crn-waiting", "address": "https://waiting.example", "parent": null, "status": "waiting"},
              {"hash": "crn-other", "address": "https://other.example", "parent": "ccn-2", "status": "linked"},
              {"hash": "crn-no-address", "address": "", "parent": "ccn-1", "status": "linked"}]}
            """;

    @Test
    void theCrnsLinkedToACcnAreThoseItListsOrThatNameItAsParentAndHaveAnAddress() throws Exception {
        NodeRegistry registry = NodeRegistry.parse(new ObjectMapper().readTree(CORECHANNEL));

        assertThat(registry.linkedTo("ccn-1")).extracting(NodeRegistry.Crn::hash)
                .containsExactlyInAnyOrder("crn-listed", "crn-parent");
        assertThat(registry.linkedTo("ccn-2")).extracting(NodeRegistry.Crn::hash).containsExactly("crn-other");
        assertThat(registry.linkedTo("unknown")).isEmpty();
    }
}
