package io.aleph4j.plugins.api.http;

import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.message.ItemType;

/**
 * Upload size limits, the reference's defaults: 25 MiB without a signed STORE message (and for add_json), 100 MiB
 * for a {@code storage} file with one, 1 GiB for an {@code ipfs} file with one, 4 GiB for a CAR archive (always
 * with one).
 */
record StorageLimits(long unauthenticatedBytes, long storageFileBytes, long ipfsFileBytes, long carBytes) {

    static StorageLimits from(PluginConfig section) {
        return new StorageLimits(section.get(ApiHttpPlugin.MAX_UNAUTHENTICATED_UPLOAD_BYTES),
                section.get(ApiHttpPlugin.MAX_STORAGE_FILE_BYTES), section.get(ApiHttpPlugin.MAX_IPFS_FILE_BYTES),
                section.get(ApiHttpPlugin.MAX_CAR_BYTES));
    }

    long fileBytes(ItemType addressing) {
        return addressing == ItemType.IPFS ? ipfsFileBytes : storageFileBytes;
    }
}
