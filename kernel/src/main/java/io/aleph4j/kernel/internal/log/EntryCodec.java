package io.aleph4j.kernel.internal.log;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Writes and reads one kind of log entry. Entries start with a format version byte so that the on-disk format
 * can evolve; the codecs are written by hand (not Chronicle's reflective marshalling) to keep that format
 * explicit and stable across refactors of the records.
 */
interface EntryCodec<T> {

    void write(Bytes<?> bytes, T value);

    T read(Bytes<?> bytes);

    /** Reads the leading format version byte and fails, naming the entry kind, on one this node cannot read. */
    static void readVersion(Bytes<?> bytes, byte supported, String kind) {
        byte version = bytes.readByte();
        if (version != supported) {
            throw new IllegalStateException(kind + " has format version " + version + "; this node reads "
                    + supported);
        }
    }
}
