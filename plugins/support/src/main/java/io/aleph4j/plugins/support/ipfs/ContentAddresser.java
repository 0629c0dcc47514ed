package io.aleph4j.plugins.support.ipfs;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.plugins.support.ipfs.UnixFsImporter.Layout;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes the address of bytes written to it, in one of the three forms content is addressed by: sha256 hex
 * ({@code storage} items), CIDv0 ({@code ipfs} items, as {@code ipfs add} makes them) or CIDv1 (as
 * {@code ipfs add --cid-version=1} makes them). Streaming: memory does not grow with the content.
 */
public final class ContentAddresser extends OutputStream {

    private final MessageDigest sha256;
    private final UnixFsImporter importer;
    private ItemHash address;

    private ContentAddresser(Layout layout) {
        if (layout == null) {
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
            this.importer = null;
        } else {
            this.sha256 = null;
            this.importer = new UnixFsImporter(layout);
        }
    }

    /** For new content: sha256 for {@code storage}, CIDv0 (the reference node's choice) for {@code ipfs}. */
    public static ContentAddresser forNew(ItemType addressing) {
        return switch (addressing) {
            case STORAGE -> new ContentAddresser(null);
            case IPFS -> new ContentAddresser(Layout.CID_V0);
            case INLINE -> throw new IllegalArgumentException("inline content is not stored by address");
        };
    }

    /** For checking content against {@code address}: the same form the address has. */
    public static ContentAddresser forChecking(ItemHash address) {
        if (address.isSha256()) {
            return new ContentAddresser(null);
        }
        return new ContentAddresser(address.value().startsWith("Qm") ? Layout.CID_V0 : Layout.CID_V1);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (sha256 != null) {
            sha256.update(bytes, offset, length);
        } else {
            importer.write(bytes, offset, length);
        }
    }

    /** The address of everything written; the same on every later call. */
    public ItemHash address() {
        if (address == null) {
            address = sha256 != null ? ItemHash.ofSha256(sha256.digest()) : ItemHash.of(importer.finish().toString());
        }
        return address;
    }
}
