package io.aleph4j.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.ProgramContent;
import org.junit.jupiter.api.Test;

/**
 * The PROGRAM and INSTANCE schemas, on the contents the official TypeScript SDK (@aleph-sdk/message 1.x) builds by
 * default (its {@code ProgramMessageClient.prepareBaseContent} and {@code InstanceMessageClient}), then broken one
 * field at a time.
 */
class ExecutableSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "0x5a5AD9DcA1b8fFb55c96D5E09dd2A4f8cFd29EF4";
    private static final String SDK_RUNTIME = "63f07193e6ee9d207b7d1fcf8286f9aee34e6f12f101d2ec77c1229f92964696";
    private static final String CODE = "QmcR3Rwc6bg8tchzN2WeEw4BX5hxGXQk6zDmS97ocvR8Uk";

    /** What the SDK's ProgramMessageClient.publish sends for a zip of code on IPFS. */
    static ObjectNode sdkProgram() {
        ObjectNode content = JSON.createObjectNode().put("address", OWNER).put("time", 1_764_000_000.25)
                .put("type", "vm-function").put("allow_amend", false);
        content.putObject("on").put("http", true).put("persistent", false);
        content.putObject("environment").put("reproducible", false).put("internet", true).put("aleph_api", true)
                .put("shared_cache", false);
        content.putObject("resources").put("vcpus", 1).put("memory", 128).put("seconds", 30);
        content.putObject("runtime").put("ref", SDK_RUNTIME).put("use_latest", true)
                .put("comment", "Aleph Alpine Linux with Python 3.12");
        content.putArray("volumes");
        content.putObject("variables");
        content.putObject("payment").put("chain", "ETH").put("type", "hold");
        content.putObject("code").put("encoding", "zip").put("entrypoint", "main:app").put("ref", CODE)
                .put("use_latest", true);
        return content;
    }

    /** What the SDK's InstanceMessageClient sends with its defaults (credit payment, qemu, rootfs 1280 MiB). */
    static ObjectNode sdkInstance() {
        ObjectNode content = JSON.createObjectNode().put("address", OWNER).put("time", 1_764_000_000.25)
                .put("allow_amend", false);
        content.putArray("volumes");
        content.putObject("resources").put("memory", 128).put("vcpus", 1).put("seconds", 30);
        content.putObject("environment").put("reproducible", false).put("internet", true).put("aleph_api", true)
                .put("shared_cache", false).put("hypervisor", "qemu");
        ObjectNode rootfs = content.putObject("rootfs");
        rootfs.putObject("parent").put("ref", "f7e68c568906b4ebcd3cd3c4bfdff96c489cd2a9ef73ba2d7503f244dfd578de")
                .put("use_latest", true);
        rootfs.put("persistence", "host").put("size_mib", 1280);
        content.putObject("payment").put("chain", "ETH").put("type", "hold");
        return content;
    }

    private static void program(ObjectNode content) throws MessageFormatException {
        ExecutableSchema.checkProgram(content);
    }

    private static void instance(ObjectNode content) throws MessageFormatException {
        ExecutableSchema.checkInstance(content);
    }

    @Test
    void theSdksDefaultProgramAndInstancePass() {
        assertThatCode(() -> program(sdkProgram())).doesNotThrowAnyException();
        assertThatCode(() -> instance(sdkInstance())).doesNotThrowAnyException();
    }

    @Test
    void theContentParserRefusesAProgramThatFailsItsSchemaAndKeepsOneThatPasses() throws Exception {
        ParsedContent parsed = ContentParser.parse(MessageType.PROGRAM, sdkProgram().toString());
        assertThat(parsed.content()).isInstanceOf(ProgramContent.class);

        ObjectNode broken = sdkProgram();
        broken.remove("runtime");
        assertThatThrownBy(() -> ContentParser.parse(MessageType.PROGRAM, broken.toString()))
                .isInstanceOf(MessageFormatException.class).hasMessage("PROGRAM content field 'runtime' is required");
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedButOneInsideCodeIsIgnoredAsTheReferenceDoes() {
        ObjectNode extraTop = sdkProgram().put("cloud_init", "x");
        assertThatThrownBy(() -> program(extraTop)).hasMessageContaining("'cloud_init' is not a field");

        ObjectNode extraInCode = sdkProgram();
        ((ObjectNode) extraInCode.get("code")).put("estimated_size_mib", 3);
        assertThatCode(() -> program(extraInCode)).doesNotThrowAnyException();
    }

    @Test
    void eachFieldIsNamedByItsPathWhenItIsWrong() {
        ObjectNode badRef = sdkProgram();
        ((ObjectNode) badRef.get("code")).put("ref", "not-a-hash");
        assertThatThrownBy(() -> program(badRef)).hasMessageStartingWith("PROGRAM content field 'code.ref' is not an item hash");

        ObjectNode badMemory = sdkProgram();
        ((ObjectNode) badMemory.get("resources")).put("memory", 0);
        assertThatThrownBy(() -> program(badMemory)).hasMessage(
                "PROGRAM content field 'resources.memory' must be between 1 and 1048576");

        ObjectNode badTrigger = sdkProgram();
        ((ObjectNode) badTrigger.get("on")).put("cron", "* * * * *");
        assertThatThrownBy(() -> program(badTrigger)).hasMessageContaining("'on.cron' is not a field");

        ObjectNode badType = sdkProgram().put("type", "vm-instance");
        assertThatThrownBy(() -> program(badType)).hasMessageContaining("'type' must be one of [vm-function]");

        ObjectNode badPayment = sdkProgram();
        ((ObjectNode) badPayment.get("payment")).put("type", "gift");
        assertThatThrownBy(() -> program(badPayment)).hasMessageContaining("'payment.type' must be one of");
    }

    @Test
    void laxValuesAreTakenAsPydanticTakesThemExceptInStrictFields() {
        ObjectNode lax = sdkProgram();
        ((ObjectNode) lax.get("resources")).put("memory", "256").put("seconds", 30.0);
        ((ObjectNode) lax.get("environment")).put("internet", "yes");
        assertThatCode(() -> program(lax)).doesNotThrowAnyException();

        ObjectNode strict = sdkProgram();
        ((ArrayNode) strict.get("volumes")).addObject().put("ephemeral", true).put("size_mib", 10.0);
        assertThatThrownBy(() -> program(strict)).hasMessage(
                "PROGRAM content field 'volumes.0.size_mib' must be an integer (strictly)");
    }

    @Test
    void volumesMatchOneOfTheThreeKinds() {
        ObjectNode volumes = sdkProgram();
        ArrayNode list = (ArrayNode) volumes.get("volumes");
        list.addObject().put("mount", "/opt/packages").put("ref", CODE).put("use_latest", true);
        list.addObject().put("mount", "/var/cache").put("ephemeral", true).put("size_mib", 5);
        list.addObject().put("mount", "/var/lib/data").put("name", "data").put("persistence", "host")
                .put("size_mib", 100);
        assertThatCode(() -> program(volumes)).doesNotThrowAnyException();

        ObjectNode tooBig = sdkProgram();
        ((ArrayNode) tooBig.get("volumes")).addObject().put("ephemeral", true).put("size_mib", 1001);
        assertThatThrownBy(() -> program(tooBig)).hasMessage(
                "PROGRAM content field 'volumes.0.size_mib' must be between 1 and 1000");

        ObjectNode neither = sdkProgram();
        ((ArrayNode) neither.get("volumes")).addObject().put("mount", "/x");
        assertThatThrownBy(() -> program(neither)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void aSubscriptionIsAFreeFormObjectOfAtMost32Entries() {
        ObjectNode triggered = sdkProgram();
        ObjectNode subscription = ((ObjectNode) triggered.get("on")).putArray("message").addObject();
        subscription.put("sender", OWNER).put("channel", "TEST").putObject("content").put("type", "ping");
        assertThatCode(() -> program(triggered)).doesNotThrowAnyException();
        for (int i = 0; i < 30; i++) {
            subscription.put("key" + i, i);
        }
        assertThatThrownBy(() -> program(triggered)).hasMessage(
                "PROGRAM content field 'on.message.0' has more than 32 entries");
    }

    @Test
    void anInstanceFollowsItsPaymentAndHypervisorRules() {
        ObjectNode credit = sdkInstance();
        ((ObjectNode) credit.get("payment")).put("type", "credit");
        credit.putObject("requirements").putObject("cpu").put("architecture", "x86_64");
        assertThatThrownBy(() -> instance(credit)).hasMessageContaining("a node hash");

        ObjectNode withNode = credit.deepCopy();
        ((ObjectNode) withNode.get("requirements")).putObject("node").put("node_hash", "a".repeat(64));
        assertThatCode(() -> instance(withNode)).doesNotThrowAnyException();

        ObjectNode confidential = sdkInstance();
        ((ObjectNode) confidential.get("environment")).put("hypervisor", "firecracker").putObject("trusted_execution");
        assertThatThrownBy(() -> instance(confidential)).hasMessageContaining("only supported with hypervisor qemu");

        ObjectNode noRootfs = sdkInstance();
        noRootfs.remove("rootfs");
        assertThatThrownBy(() -> instance(noRootfs)).hasMessage("INSTANCE content field 'rootfs' is required");
    }

    @Test
    void itemHashesAreSha256HexOrIpfsCids() {
        assertThat(SchemaObject.isItemHash("a".repeat(64))).isTrue();
        assertThat(SchemaObject.isItemHash(CODE)).isTrue();
        assertThat(SchemaObject.isItemHash("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")).isTrue();
        assertThat(SchemaObject.isItemHash("A".repeat(64))).isFalse();
        assertThat(SchemaObject.isItemHash("Qm0" + "a".repeat(42))).isFalse();
    }
}
