package io.aleph4j.kernel.internal.log;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.time.Instant;
import net.openhft.chronicle.bytes.Bytes;

/** Inbox entry format, version 1: the envelope's fields in order, then origin and receipt time. */
final class InboxCodec implements EntryCodec<InboxEntry> {

    private static final byte VERSION = 1;

    @Override
    public void write(Bytes<?> bytes, InboxEntry entry) {
        Message message = entry.message();
        bytes.writeByte(VERSION);
        Utf8Text.write(bytes, message.chain().code());
        Utf8Text.write(bytes, message.sender());
        Utf8Text.write(bytes, message.type().name());
        Utf8Text.write(bytes, message.channel());
        bytes.writeDouble(message.time());
        Utf8Text.write(bytes, message.itemType().wireName());
        Utf8Text.write(bytes, message.itemContent());
        Utf8Text.write(bytes, message.itemHash().value());
        Utf8Text.write(bytes, message.signature());
        Utf8Text.write(bytes, entry.origin().name());
        bytes.writeLong(entry.receivedAt().getEpochSecond());
        bytes.writeInt(entry.receivedAt().getNano());
    }

    @Override
    public InboxEntry read(Bytes<?> bytes) {
        EntryCodec.readVersion(bytes, VERSION, "inbox entry");
        Message message = new Message(
                Chain.of(Utf8Text.read(bytes)),
                Utf8Text.read(bytes),
                MessageType.fromWire(Utf8Text.read(bytes)),
                Utf8Text.read(bytes),
                bytes.readDouble(),
                ItemType.fromWire(Utf8Text.read(bytes)),
                Utf8Text.read(bytes),
                ItemHash.of(Utf8Text.read(bytes)),
                Utf8Text.read(bytes));
        Origin origin = Origin.valueOf(Utf8Text.read(bytes));
        Instant receivedAt = Instant.ofEpochSecond(bytes.readLong(), bytes.readInt());
        return new InboxEntry(message, origin, receivedAt);
    }
}
