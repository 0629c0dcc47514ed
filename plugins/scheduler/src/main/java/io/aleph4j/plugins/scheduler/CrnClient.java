package io.aleph4j.plugins.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the scheduler asks a CRN: its free resources, and to run a set of persistent programs. */
final class CrnClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final AllocationSigner signer;
    private final Clock clock;

    CrnClient(AllocationSigner signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    /** The CRN's free resources from {@code /about/usage/system}, or empty when it does not answer them. */
    Optional<SchedulePlanner.Capacity> capacity(NodeRegistry.Crn crn) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(crn, "/about/usage/system"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode usage = JSON.readTree(answer.body());
            if (!usage.path("active").asBoolean(true)) {
                return Optional.empty();
            }
            // kB here are 1,000 bytes, as the reference reports them.
            long availableMib = usage.path("mem").path("available_kB").asLong() * 1000 / (1024 * 1024);
            return Optional.of(new SchedulePlanner.Capacity(crn.hash(), usage.path("cpu").path("count").asInt(1),
                    availableMib));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Sends the CRN its whole set; its answer's body, or why it failed. */
    String allocate(NodeRegistry.Crn crn, List<String> programs) throws IOException, InterruptedException {
        ObjectNode allocation = JSON.createObjectNode();
        programs.forEach(allocation.putArray("persistent_vms")::add);
        allocation.putArray("instances");
        allocation.putNull("on_demand_vms");
        allocation.putNull("jobs");
        byte[] body = JSON.writeValueAsBytes(allocation);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(crn, "/control/allocations"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", signer.authorization("POST", "/control/allocations", body,
                        clock.instant().getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(crn.url() + " answered the allocation " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    private static URI uri(NodeRegistry.Crn crn, String path) {
        String base = crn.url();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    @Override
    public void close() {
        http.close();
    }
}
