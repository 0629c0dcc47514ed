package io.aleph4j.plugins.crn.supervisor;

import io.aleph4j.api.vm.VmInterface;
import java.util.List;
import java.util.Map;

/**
 * What the supervisor reads from a PROGRAM message's content (the kernel has checked it against aleph-message's
 * schema before it was processed).
 *
 * @param owner          {@code content.address}, whose amends {@code use_latest} follows
 * @param codeRef        {@code code.ref}: the STORE message of the code
 * @param codeUseLatest  {@code code.use_latest}
 * @param codeEncoding   {@code code.encoding}: plain, zip or squashfs
 * @param seconds        {@code resources.seconds}: the per-request timeout
 * @param persistent     {@code on.persistent}
 * @param volumes        {@code volumes}
 * @param data           {@code data}: a zip unzipped at {@code /data}, as an immutable volume with a writable copy
 */
record ProgramDefinition(String owner, String codeRef, boolean codeUseLatest, String codeEncoding, String entrypoint,
                         VmInterface vmInterface, List<String> args, String runtimeRef,
                         Map<String, String> variables, int vcpus, int memoryMib, int seconds, boolean internet,
                         boolean persistent, List<VolumeDefinition> volumes,
                         java.util.Optional<VolumeDefinition.Immutable> data) {

    ProgramDefinition {
        volumes = List.copyOf(volumes);
        args = List.copyOf(args);
        variables = Map.copyOf(variables);
    }

    /** The reference's inference when {@code code.interface} is absent: {@code module:attribute} is ASGI. */
    static VmInterface inferInterface(String declared, String entrypoint) {
        if (declared != null) {
            return declared.equals("asgi") ? VmInterface.ASGI : VmInterface.BINARY;
        }
        return entrypoint.contains(":") ? VmInterface.ASGI : VmInterface.BINARY;
    }
}
