package io.aleph4j.kernel.protocol;

import static io.aleph4j.kernel.protocol.SchemaObject.Need.DEFAULTED;
import static io.aleph4j.kernel.protocol.SchemaObject.Need.OPTIONAL;
import static io.aleph4j.kernel.protocol.SchemaObject.Need.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.kernel.protocol.SchemaObject.Element;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The PROGRAM and INSTANCE content schemas of aleph-message ({@code models/execution}), as the reference node
 * applies them when it parses a pending message: field names, types, bounds, which objects forbid unknown fields
 * (the content itself, triggers, volumes, requirements; not code, runtime, resources or environments, whose extra
 * fields are ignored), and the instance's cross-field rules. A content that fails is refused with the failing
 * field's path, as the reference refuses it with {@code InvalidMessageFormat}.
 */
final class ExecutableSchema {

    static final int MAX_ENTRIES = 256;
    static final int MAX_AUTHORIZED_KEY_LENGTH = 8192;
    static final int MAX_VARIABLE_KEY_LENGTH = 128;
    static final int MAX_VARIABLE_VALUE_LENGTH = 4096;
    static final int MAX_REPLACES_LENGTH = 128;
    static final int MAX_VOLUME_LABEL_LENGTH = 256;
    static final int MAX_SUBSCRIPTION_ENTRIES = 32;
    static final long MAX_MEMORY_MIB = 1024 * 1024;
    static final long MAX_SECONDS = 10L * 365 * 24 * 3600;
    static final long MAX_EPHEMERAL_MIB = 1000;
    /** aleph-message's {@code gigabyte_to_mebibyte(2048)}: 2048 × 10⁹ bytes in MiB. */
    static final long MAX_PERSISTENT_MIB = 1_953_125;

    private static final Set<String> BASE_FIELDS = Set.of("address", "time", "allow_amend", "metadata",
            "authorized_keys", "variables", "environment", "resources", "payment", "requirements", "volumes",
            "replaces");
    private static final Set<String> PROGRAM_FIELDS = union(BASE_FIELDS, "type", "code", "runtime", "data",
            "export", "on");
    private static final Set<String> INSTANCE_FIELDS = union(BASE_FIELDS, "rootfs");
    private static final Set<String> ENCODINGS = Set.of("plain", "zip", "squashfs");
    private static final Set<String> PAYMENT_TYPES = Set.of("hold", "superfluid", "credit");
    /** aleph-message's Chain enum (models/base.py). */
    private static final Set<String> CHAINS = Set.of("ARB", "AURORA", "AVAX", "BASE", "BLAST", "BOB", "BSC", "CSDK",
            "CYBER", "DOT", "ES", "ETH", "ETHERLINK", "FRAX", "HYPE", "INK", "LENS", "LINEA", "LISK", "METIS", "MODE",
            "NEO", "NULS", "NULS2", "OP", "POL", "SOL", "STT", "SONIC", "TEZOS", "UNICHAIN", "WLD", "ZORA");
    private static final Set<String> VOLUME_LABELS = Set.of("comment", "mount");

    private ExecutableSchema() {
    }

    /** A PROGRAM's content ({@code ProgramContent}). */
    static void checkProgram(JsonNode content) throws MessageFormatException {
        SchemaObject program = SchemaObject.root("PROGRAM", content).only(PROGRAM_FIELDS);
        base(program);
        program.oneOf("type", REQUIRED, Set.of("vm-function"));
        functionEnvironment(program);
        SchemaObject code = program.object("code", REQUIRED).orElseThrow();
        code.oneOf("encoding", REQUIRED, ENCODINGS);
        code.string("entrypoint", REQUIRED);
        code.itemHash("ref", REQUIRED);
        code.oneOf("interface", OPTIONAL, Set.of("asgi", "binary"));
        for (Element argument : code.list("args", OPTIONAL, Integer.MAX_VALUE)) {
            argument.asString(Integer.MAX_VALUE);
        }
        code.bool("use_latest", DEFAULTED);
        SchemaObject runtime = program.object("runtime", REQUIRED).orElseThrow();
        runtime.itemHash("ref", REQUIRED);
        runtime.bool("use_latest", DEFAULTED);
        runtime.string("comment", REQUIRED);
        Optional<SchemaObject> data = program.object("data", OPTIONAL);
        if (data.isPresent()) {
            data.get().oneOf("encoding", REQUIRED, ENCODINGS);
            data.get().string("mount", REQUIRED);
            data.get().itemHash("ref", REQUIRED);
            data.get().bool("use_latest", OPTIONAL);
        }
        Optional<SchemaObject> export = program.object("export", OPTIONAL);
        if (export.isPresent()) {
            export.get().oneOf("encoding", REQUIRED, ENCODINGS);
            export.get().string("mount", REQUIRED);
        }
        SchemaObject on = program.object("on", REQUIRED).orElseThrow().only(Set.of("http", "message", "persistent"));
        on.bool("http", REQUIRED);
        for (Element subscription : on.list("message", OPTIONAL, Integer.MAX_VALUE)) {
            if (subscription.asObject().size() > MAX_SUBSCRIPTION_ENTRIES) {
                throw new MessageFormatException("PROGRAM content field '" + subscription.path() + "' has more than "
                        + MAX_SUBSCRIPTION_ENTRIES + " entries");
            }
        }
        on.bool("persistent", OPTIONAL);
    }

    /** An INSTANCE's content ({@code InstanceContent}) and its rules on requirements. */
    static void checkInstance(JsonNode content) throws MessageFormatException {
        SchemaObject instance = SchemaObject.root("INSTANCE", content).only(INSTANCE_FIELDS);
        base(instance);
        SchemaObject environment = instance.object("environment", REQUIRED).orElseThrow();
        String hypervisor = instanceEnvironment(environment);
        SchemaObject rootfs = instance.object("rootfs", REQUIRED).orElseThrow();
        parentVolume(rootfs.object("parent", REQUIRED).orElseThrow());
        rootfs.oneOf("persistence", REQUIRED, Set.of("host", "store"));
        rootfs.integer("size_mib", REQUIRED, 1, MAX_PERSISTENT_MIB, true);
        for (Element forgottenBy : rootfs.list("forgotten_by", OPTIONAL, Integer.MAX_VALUE)) {
            forgottenBy.asString(Integer.MAX_VALUE);
        }
        instanceRequirements(instance, content, hypervisor);
    }

    /** {@code BaseExecutableContent}, less the environment (typed per message type). */
    private static void base(SchemaObject content) throws MessageFormatException {
        content.bool("allow_amend", REQUIRED);
        Optional<SchemaObject> metadata = content.object("metadata", OPTIONAL);
        if (metadata.isPresent() && metadata.get().size() > MAX_ENTRIES) {
            throw metadata.get().invalid("must have at most " + MAX_ENTRIES + " entries");
        }
        for (Element key : content.list("authorized_keys", OPTIONAL, MAX_ENTRIES)) {
            key.asString(MAX_AUTHORIZED_KEY_LENGTH);
        }
        for (Element variable : content.map("variables", OPTIONAL, MAX_ENTRIES, MAX_VARIABLE_KEY_LENGTH)) {
            variable.asString(MAX_VARIABLE_VALUE_LENGTH);
        }
        resources(content.object("resources", REQUIRED).orElseThrow());
        Optional<SchemaObject> payment = content.object("payment", OPTIONAL);
        if (payment.isPresent()) {
            payment.get().oneOf("chain", OPTIONAL, CHAINS);
            payment.get().string("receiver", OPTIONAL);
            payment.get().oneOf("type", REQUIRED, PAYMENT_TYPES);
        }
        Optional<SchemaObject> requirements = content.object("requirements", OPTIONAL);
        if (requirements.isPresent()) {
            hostRequirements(requirements.get());
        }
        for (Element volume : content.list("volumes", DEFAULTED, MAX_ENTRIES)) {
            volume(volume.asObject());
        }
        content.string("replaces", OPTIONAL, MAX_REPLACES_LENGTH);
    }

    private static void resources(SchemaObject resources) throws MessageFormatException {
        resources.integer("vcpus", DEFAULTED, 1, 256, false);
        resources.integer("memory", DEFAULTED, 1, MAX_MEMORY_MIB, false);
        resources.integer("seconds", DEFAULTED, 1, MAX_SECONDS, false);
        for (Element port : resources.list("published_ports", OPTIONAL, Integer.MAX_VALUE)) {
            SchemaObject mapping = port.asObject();
            mapping.oneOf("protocol", DEFAULTED, Set.of("tcp", "udp"));
            mapping.integer("port", REQUIRED, 1, 65535, false);
        }
    }

    /**
     * A PROGRAM's environment is {@code Union[FunctionEnvironment, InstanceEnvironment]}: the function one takes
     * almost anything (its unknown fields are ignored), the instance one is tried when it does not.
     */
    private static void functionEnvironment(SchemaObject program) throws MessageFormatException {
        SchemaObject environment = program.object("environment", REQUIRED).orElseThrow();
        try {
            for (String flag : List.of("reproducible", "internet", "aleph_api", "shared_cache")) {
                environment.bool(flag, DEFAULTED);
            }
        } catch (MessageFormatException asFunction) {
            try {
                instanceEnvironment(environment);
            } catch (MessageFormatException asInstance) {
                throw asFunction;
            }
        }
    }

    /** {@code InstanceEnvironment}; returns its hypervisor (null when not set). */
    private static String instanceEnvironment(SchemaObject environment) throws MessageFormatException {
        environment.bool("internet", DEFAULTED);
        environment.bool("aleph_api", DEFAULTED);
        String hypervisor = environment.oneOf("hypervisor", OPTIONAL, Set.of("qemu", "firecracker"));
        Optional<SchemaObject> trusted = environment.object("trusted_execution", OPTIONAL);
        if (trusted.isPresent()) {
            if (!"qemu".equals(hypervisor)) {
                throw environment.invalid("a trusted execution environment is only supported with hypervisor qemu");
            }
            trusted.get().only(Set.of("firmware", "policy"));
            trusted.get().itemHash("firmware", OPTIONAL);
            trusted.get().integer("policy", DEFAULTED, Long.MIN_VALUE, Long.MAX_VALUE, false);
        }
        environment.bool("reproducible", DEFAULTED);
        environment.bool("shared_cache", DEFAULTED);
        return hypervisor;
    }

    private static void hostRequirements(SchemaObject requirements) throws MessageFormatException {
        requirements.only(Set.of("cpu", "node", "gpu"));
        Optional<SchemaObject> cpu = requirements.object("cpu", OPTIONAL);
        if (cpu.isPresent()) {
            cpu.get().only(Set.of("architecture", "vendor", "features"));
            cpu.get().oneOf("architecture", OPTIONAL, Set.of("x86_64", "arm64"));
            cpu.get().string("vendor", OPTIONAL);
            for (Element feature : cpu.get().list("features", OPTIONAL, Integer.MAX_VALUE)) {
                feature.asString(Integer.MAX_VALUE);
            }
        }
        Optional<SchemaObject> node = requirements.object("node", OPTIONAL);
        if (node.isPresent()) {
            node.get().only(Set.of("owner", "address_regex", "node_hash", "terms_and_conditions"));
            node.get().string("owner", OPTIONAL);
            String regex = node.get().string("address_regex", OPTIONAL, 256);
            if (regex != null) {
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw node.get().invalid("address_regex is not a valid regular expression: " + e.getDescription());
                }
            }
            node.get().itemHash("node_hash", OPTIONAL);
            node.get().itemHash("terms_and_conditions", OPTIONAL);
        }
        for (Element gpu : requirements.list("gpu", OPTIONAL, Integer.MAX_VALUE)) {
            SchemaObject properties = gpu.asObject().only(Set.of("vendor", "device_name", "device_class",
                    "device_id"));
            properties.string("vendor", REQUIRED);
            properties.string("device_name", REQUIRED);
            properties.oneOf("device_class", REQUIRED, Set.of("0300", "0302"));
            properties.string("device_id", REQUIRED);
        }
    }

    /** {@code Union[ImmutableVolume, EphemeralVolume, PersistentVolume]}: valid when one of them takes it. */
    private static void volume(SchemaObject volume) throws MessageFormatException {
        MessageFormatException first = null;
        for (VolumeKind kind : VolumeKind.values()) {
            try {
                kind.check(volume);
                return;
            } catch (MessageFormatException e) {
                if (first == null || kind.claims(volume)) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private enum VolumeKind {
        IMMUTABLE("ref") {
            @Override
            void check(SchemaObject volume) throws MessageFormatException {
                volume.only(union(VOLUME_LABELS, "ref", "use_latest"));
                labels(volume);
                volume.itemHash("ref", REQUIRED);
                volume.bool("use_latest", DEFAULTED);
            }
        },
        EPHEMERAL("ephemeral") {
            @Override
            void check(SchemaObject volume) throws MessageFormatException {
                volume.only(union(VOLUME_LABELS, "ephemeral", "size_mib"));
                labels(volume);
                Boolean ephemeral = volume.bool("ephemeral", DEFAULTED);
                if (Boolean.FALSE.equals(ephemeral)) {
                    throw volume.invalid("'ephemeral' must be true");
                }
                volume.integer("size_mib", REQUIRED, 1, MAX_EPHEMERAL_MIB, true);
            }
        },
        PERSISTENT("persistence") {
            @Override
            void check(SchemaObject volume) throws MessageFormatException {
                volume.only(union(VOLUME_LABELS, "parent", "persistence", "name", "size_mib"));
                labels(volume);
                Optional<SchemaObject> parent = volume.object("parent", OPTIONAL);
                if (parent.isPresent()) {
                    parentVolume(parent.get());
                }
                volume.oneOf("persistence", OPTIONAL, Set.of("host", "store"));
                volume.string("name", OPTIONAL, MAX_VOLUME_LABEL_LENGTH);
                volume.integer("size_mib", REQUIRED, 1, MAX_PERSISTENT_MIB, true);
            }
        };

        /** The field that marks a volume as meant to be of this kind, so its error is the one reported. */
        private final String mark;

        VolumeKind(String mark) {
            this.mark = mark;
        }

        abstract void check(SchemaObject volume) throws MessageFormatException;

        boolean claims(SchemaObject volume) {
            return volume.has(mark);
        }

        private static void labels(SchemaObject volume) throws MessageFormatException {
            volume.string("comment", OPTIONAL, MAX_VOLUME_LABEL_LENGTH);
            volume.string("mount", OPTIONAL, MAX_VOLUME_LABEL_LENGTH);
        }
    }

    private static void parentVolume(SchemaObject parent) throws MessageFormatException {
        parent.itemHash("ref", REQUIRED);
        parent.bool("use_latest", DEFAULTED);
    }

    /** InstanceContent's {@code check_requirements}: node hash, GPU and terms-and-conditions rules. */
    private static void instanceRequirements(SchemaObject instance, JsonNode content, String hypervisor)
            throws MessageFormatException {
        JsonNode requirements = content.path("requirements");
        if (!requirements.isObject()) {
            return;
        }
        String paymentType = content.path("payment").path("type").asText(null);
        boolean streamOrCredit = "superfluid".equals(paymentType) || "credit".equals(paymentType);
        JsonNode node = requirements.path("node");
        boolean nodeHash = node.isObject() && node.path("node_hash").isTextual();
        if (streamOrCredit && !nodeHash) {
            throw instance.invalid("a node hash (requirements.node.node_hash) is needed for PAYG or credit payments");
        }
        JsonNode gpu = requirements.path("gpu");
        if (gpu.isArray() && !gpu.isEmpty()) {
            if (!nodeHash) {
                throw instance.invalid("a node hash (requirements.node.node_hash) is needed for GPU support");
            }
            if (!"qemu".equals(hypervisor)) {
                throw instance.invalid("the GPU option is only supported with hypervisor qemu");
            }
        }
        if (node.isObject() && node.path("terms_and_conditions").isTextual()) {
            if (!nodeHash) {
                throw instance.invalid("terms_and_conditions needs a requirements.node.node_hash");
            }
            boolean confidential = content.path("environment").path("trusted_execution").isObject();
            if (!streamOrCredit && !confidential) {
                throw instance.invalid("only PAYG, credit or confidential instances can have terms_and_conditions");
            }
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
