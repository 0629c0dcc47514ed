package io.aleph4j.plugins.transport.libp2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar as the plugin installs and runs it (npm ci from its lock file, a real Node.js process): its message
 * IDs are the reference's, its identity is the key file's, and it is gone when closed.
 */
final class SidecarIT {

    private static final Pattern ZEROS = Pattern.compile("(\\d+) zero bytes");

    @TempDir
    Path directory;

    private Sidecar start(Path key) throws Exception {
        Path installed = SidecarInstall.ensure(Path.of(System.getProperty("user.home"), ".cache", "aleph4j",
                "transport-libp2p"), "npm");
        ObjectNode config = Sidecar.JSON.createObjectNode();
        config.put("keyFile", IdentityKey.ensure(key).toString());
        config.set("listen", Sidecar.JSON.valueToTree(List.of("/ip4/127.0.0.1/tcp/0")));
        config.set("muxers", Sidecar.JSON.valueToTree(List.of("yamux", "mplex")));
        return Sidecar.start(installed, "node", config, directory.resolve("sidecar.log"), event -> { });
    }

    @Test
    void messageIdsAreRustsDefaultHasherOverTheDataForEveryReferenceVector() throws Exception {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(5);

        try (Sidecar sidecar = start(directory.resolve("identity.der"))) {
            for (Vector vector : vectors) {
                ObjectNode command = Sidecar.JSON.createObjectNode();
                command.put("op", "msgid");
                command.put("data", Base64.getEncoder().encodeToString(vector.data()));
                JsonNode answer = sidecar.request(command).get(30, TimeUnit.SECONDS);
                assertThat(answer.path("value").asText()).as("message ID of %s", vector.label())
                        .isEqualTo(vector.messageId());
            }
        }
    }

    @Test
    void theIdentityIsTheKeyFilesAndSurvivesARestart() throws Exception {
        Path key = directory.resolve("keys/identity.der");
        String first;
        try (Sidecar sidecar = start(key)) {
            first = sidecar.ready().peerId();
            assertThat(sidecar.ready().addresses()).allSatisfy(address -> assertThat(address)
                    .startsWith("/ip4/127.0.0.1/tcp/"));
        }
        byte[] kept = Files.readAllBytes(key);
        try (Sidecar sidecar = start(key)) {
            assertThat(sidecar.ready().peerId()).as("an RSA key gives a Qm... peer ID, the same after a restart")
                    .startsWith("Qm").isEqualTo(first);
        }
        assertThat(Files.readAllBytes(key)).isEqualTo(kept);
    }

    @Test
    void aClosedSidecarsProcessIsGone() throws Exception {
        Sidecar sidecar = start(directory.resolve("identity.der"));

        sidecar.close();

        assertThat(sidecar.isAlive()).isFalse();
        assertThat(sidecar.whenEnded()).isDone();
    }

    private record Vector(String label, byte[] data, String messageId) {
    }

    /**
     * ../shared/protocol/vectors/gossipsub-message-id.tsv: data (a JSON string, or "N zero bytes") and message ID.
     */
    private static List<Vector> vectors() throws Exception {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream in = SidecarIT.class.getResourceAsStream("gossipsub-message-id.tsv");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.readLine();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                Matcher zeros = ZEROS.matcher(fields[0]);
                byte[] data = zeros.matches() ? new byte[Integer.parseInt(zeros.group(1))]
                        : Sidecar.JSON.readTree(fields[0]).textValue().getBytes(StandardCharsets.UTF_8);
                vectors.add(new Vector(fields[0], data, fields[1]));
            }
        }
        return vectors;
    }
}
