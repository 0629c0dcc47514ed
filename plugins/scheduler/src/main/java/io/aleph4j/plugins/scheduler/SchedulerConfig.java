package io.aleph4j.plugins.scheduler;

import io.aleph4j.api.config.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The scheduler's config, typed. */
record SchedulerConfig(String registryOwner, String nodeHash, Duration every, Path keyFile) {

    static SchedulerConfig from(PluginConfig section, Path dataDirectory) {
        String keyFile = section.get(SchedulerPlugin.KEY_FILE).strip();
        return new SchedulerConfig(checksummed(section.get(SchedulerPlugin.REGISTRY_OWNER).strip()),
                section.get(SchedulerPlugin.NODE_HASH).strip(), section.get(SchedulerPlugin.EVERY),
                keyFile.isEmpty() ? dataDirectory.resolve("scheduler.key") : Path.of(keyFile));
    }

    /** An ETH address as senders' addresses are stored (EIP-55), whatever case the operator wrote it in. */
    private static String checksummed(String address) {
        return address.matches("0[xX][0-9a-fA-F]{40}") ? org.web3j.crypto.Keys.toChecksumAddress(address) : address;
    }
}
