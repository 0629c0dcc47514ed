package io.aleph4j.plugins.crn.supervisor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's executions lists. {@code /about/executions/list} (v1): running executions with their
 * networking and VM type, which the reference's scheduler reads to see what runs; {@code /v2/...}: with their
 * lifecycle times. Programs here have no network of their own, so their addresses are null (v1) or absent (v2);
 * {@code aleph4j_runtime} names the runtime.
 */
final class ExecutionsJson {

    private ExecutionsJson() {
    }

    static Map<String, Object> v1(List<Execution> executions) {
        Map<String, Object> list = new LinkedHashMap<>();
        for (Execution execution : executions) {
            Map<String, Object> networking = new LinkedHashMap<>();
            networking.put("ipv4", null);
            networking.put("ipv6", null);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("networking", networking);
            item.put("vm_type", vmType(execution));
            item.put("awaiting_confidential_init", false);
            item.put("aleph4j_runtime", execution.runtimeId());
            list.put(execution.itemHash(), item);
        }
        return list;
    }

    static Map<String, Object> v2(List<Execution> executions) {
        Map<String, Object> list = new LinkedHashMap<>();
        for (Execution execution : executions) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("defined_at", iso(execution.definedAt()));
            status.put("preparing_at", iso(execution.definedAt()));
            status.put("prepared_at", iso(execution.startedAt()));
            status.put("starting_at", iso(execution.startedAt()));
            status.put("started_at", iso(execution.startedAt()));
            status.put("stopping_at", null);
            status.put("stopped_at", null);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("networking", Map.of());
            item.put("status", status);
            item.put("running", execution.vm().alive());
            item.put("awaiting_confidential_init", false);
            item.put("vm_type", vmType(execution));
            item.put("aleph4j_runtime", execution.runtimeId());
            list.put(execution.itemHash(), item);
        }
        return list;
    }

    private static String vmType(Execution execution) {
        return execution.program().persistent() ? "persistent_program" : "microvm";
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
