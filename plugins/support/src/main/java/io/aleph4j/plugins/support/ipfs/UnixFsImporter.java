package io.aleph4j.plugins.support.ipfs;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the CID an IPFS node gives a file imported with its default settings (kubo's {@code ipfs add}):
 * fixed-size chunks of 256 KiB, a balanced DAG of at most 174 links per node, UnixFS {@code File} nodes in
 * dag-pb. {@link Layout#CID_V0} is the plain {@code ipfs add} (leaves are dag-pb UnixFS nodes, CIDv0);
 * {@link Layout#CID_V1} is {@code ipfs add --cid-version=1} (leaves are raw blocks, CIDv1). A file of one chunk
 * is its leaf. Write the bytes, then call {@link #finish()}; memory stays at one chunk plus one small entry per
 * chunk, whatever the file size. Blocks are hashed, not kept.
 */
public final class UnixFsImporter extends OutputStream {

    /** Which of the two default import profiles to reproduce. */
    public enum Layout {
        CID_V0,
        CID_V1
    }

    public static final int CHUNK_SIZE = 262_144;
    public static final int MAX_LINKS = 174;

    private static final int UNIXFS_FILE = 2;

    /** A built node: its CID, the size of the DAG under it (a link's Tsize) and the file bytes it holds. */
    private record Node(Cid cid, long dagSize, long fileSize) {
    }

    private final Layout layout;
    private final byte[] chunk = new byte[CHUNK_SIZE];
    private final List<Node> leaves = new ArrayList<>();
    private final MessageDigest sha256;
    private int filled;
    private Cid root;

    public UnixFsImporter(Layout layout) {
        this.layout = layout;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The CID of {@code bytes} imported with {@code layout}. */
    public static Cid cidOf(byte[] bytes, Layout layout) {
        UnixFsImporter importer = new UnixFsImporter(layout);
        importer.write(bytes, 0, bytes.length);
        return importer.finish();
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (root != null) {
            throw new IllegalStateException("the import is finished");
        }
        int position = offset;
        int remaining = length;
        while (remaining > 0) {
            int taken = Math.min(remaining, CHUNK_SIZE - filled);
            System.arraycopy(bytes, position, chunk, filled, taken);
            filled += taken;
            position += taken;
            remaining -= taken;
            if (filled == CHUNK_SIZE) {
                leaves.add(leaf());
                filled = 0;
            }
        }
    }

    /** Ends the file and returns its root CID; the same CID on every later call. */
    public Cid finish() {
        if (root == null) {
            if (filled > 0 || leaves.isEmpty()) {
                leaves.add(leaf());
                filled = 0;
            }
            List<Node> level = leaves;
            while (level.size() > 1) {
                List<Node> parents = new ArrayList<>((level.size() + MAX_LINKS - 1) / MAX_LINKS);
                for (int start = 0; start < level.size(); start += MAX_LINKS) {
                    parents.add(parent(level.subList(start, Math.min(start + MAX_LINKS, level.size()))));
                }
                level = parents;
            }
            root = level.getFirst().cid();
        }
        return root;
    }

    private Node leaf() {
        if (layout == Layout.CID_V1) {
            return new Node(Cid.v1(Cid.RAW, digest(chunk, filled)), filled, filled);
        }
        ProtobufWriter unixfs = new ProtobufWriter(filled + 16).varintField(1, UNIXFS_FILE);
        if (filled > 0) {
            unixfs.bytesField(2, chunk, 0, filled);
        }
        byte[] block = new ProtobufWriter(filled + 24).bytesField(1, unixfs.varintField(3, filled).toByteArray())
                .toByteArray();
        return new Node(cidOf(block), block.length, filled);
    }

    private Node parent(List<Node> children) {
        ProtobufWriter node = new ProtobufWriter(children.size() * 48 + 64);
        ProtobufWriter unixfs = new ProtobufWriter(children.size() * 4 + 16).varintField(1, UNIXFS_FILE);
        long fileSize = 0;
        long linkedDagSize = 0;
        for (Node child : children) {
            byte[] link = new ProtobufWriter(48).bytesField(1, child.cid().bytes()).bytesField(2, new byte[0])
                    .varintField(3, child.dagSize()).toByteArray();
            node.bytesField(2, link);
            fileSize += child.fileSize();
            linkedDagSize += child.dagSize();
        }
        unixfs.varintField(3, fileSize);
        for (Node child : children) {
            unixfs.varintField(4, child.fileSize());
        }
        byte[] block = node.bytesField(1, unixfs.toByteArray()).toByteArray();
        return new Node(cidOf(block), block.length + linkedDagSize, fileSize);
    }

    private Cid cidOf(byte[] dagPbBlock) {
        byte[] digest = digest(dagPbBlock, dagPbBlock.length);
        return layout == Layout.CID_V0 ? Cid.v0(digest) : Cid.v1(Cid.DAG_PB, digest);
    }

    private byte[] digest(byte[] bytes, int length) {
        sha256.update(bytes, 0, length);
        return sha256.digest();
    }
}
