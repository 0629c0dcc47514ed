package io.aleph4j.plugins.crn.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@link ProgramDefinition} from a PROGRAM content's JSON, with aleph-message's defaults. */
final class ProgramReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProgramReader() {
    }

    /** @throws ProgramProblem 400 when the content is not a program's (the kernel checked it: a node's bug) */
    static ProgramDefinition read(String contentJson) throws ProgramProblem {
        JsonNode content;
        try {
            content = JSON.readTree(contentJson);
        } catch (IOException e) {
            throw new ProgramProblem(400, "the program's content is not JSON: " + e.getMessage(), e);
        }
        JsonNode code = content.path("code");
        JsonNode runtime = content.path("runtime");
        JsonNode resources = content.path("resources");
        if (!code.path("ref").isTextual() || !code.path("entrypoint").isTextual() || !runtime.path("ref").isTextual()) {
            throw new ProgramProblem(400, "the program's content has no code.ref, code.entrypoint or runtime.ref");
        }
        String entrypoint = code.path("entrypoint").asText();
        JsonNode declaredInterface = code.path("interface");
        List<String> args = new ArrayList<>();
        code.path("args").forEach(arg -> args.add(arg.asText()));
        Map<String, String> variables = new LinkedHashMap<>();
        content.path("variables").properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        return new ProgramDefinition(content.path("address").asText(""), code.path("ref").asText(),
                code.path("use_latest").asBoolean(false), code.path("encoding").asText("zip"), entrypoint,
                ProgramDefinition.inferInterface(declaredInterface.isTextual() ? declaredInterface.asText() : null,
                        entrypoint),
                args, runtime.path("ref").asText(), variables, resources.path("vcpus").asInt(1),
                resources.path("memory").asInt(128), resources.path("seconds").asInt(1),
                content.path("environment").path("internet").asBoolean(false),
                content.path("on").path("persistent").asBoolean(false), volumes(content.path("volumes")),
                data(content.path("data")));
    }

    /** {@code data}: a zip unpacked at its {@code mount} (the schema requires one; the reference's guest uses /data). */
    static java.util.Optional<VolumeDefinition.Immutable> data(JsonNode data) {
        if (!data.path("ref").isTextual()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new VolumeDefinition.Immutable(data.path("ref").asText(),
                data.path("use_latest").asBoolean(false), data.path("mount").asText("/data")));
    }

    /**
     * The volumes by kind, as aleph-message tells them apart: a {@code ref} makes an immutable one, {@code ephemeral}
     * an ephemeral one, otherwise persistent. A volume without a mount gets the reference's default
     * ({@code /mnt/<name>}, or {@code /mnt/volume_<i>}).
     */
    static List<VolumeDefinition> volumes(JsonNode volumes) {
        List<VolumeDefinition> read = new ArrayList<>();
        int index = 0;
        for (JsonNode volume : volumes) {
            String name = volume.path("name").asText("unamed_volume_" + index);
            String mount = volume.path("mount").isTextual() ? volume.path("mount").asText()
                    : "/mnt/" + (volume.path("name").isTextual() ? name : "volume_" + index);
            if (volume.path("ref").isTextual()) {
                read.add(new VolumeDefinition.Immutable(volume.path("ref").asText(),
                        volume.path("use_latest").asBoolean(true), mount));
            } else if (volume.path("ephemeral").asBoolean(false)) {
                read.add(new VolumeDefinition.Ephemeral(volume.path("size_mib").asInt(1), mount));
            } else {
                read.add(new VolumeDefinition.Persistent(name, volume.path("size_mib").asInt(1),
                        volume.path("persistence").asText("host"), mount));
            }
            index++;
        }
        return read;
    }
}
