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
        bytes.writeUtf8(message.chain().code());
        bytes.writeUtf8(message.sender());
        bytes.writeUtf8(message.type().name());
        bytes.writeUtf8(message.channel());
        bytes.writeDouble(message.time());
        bytes.writeUtf8(message.itemType().wireName());
        bytes.writeUtf8(message.itemContent());
        bytes.writeUtf8(message.itemHash().value());
        bytes.writeUtf8(message.signature());
        bytes.writeUtf8(entry.origin().name());
        bytes.writeLong(entry.receivedAt().getEpochSecond());
        bytes.writeInt(entry.receivedAt().getNano());
    }

    @Override
    public InboxEntry read(Bytes<?> bytes) {
        EntryCodec.readVersion(bytes, VERSION, "inbox entry");
        Message message = new Message(
                Chain.of(bytes.readUtf8()),
                bytes.readUtf8(),
                MessageType.fromWire(bytes.readUtf8()),
                bytes.readUtf8(),
                bytes.readDouble(),
                ItemType.fromWire(bytes.readUtf8()),
                bytes.readUtf8(),
                ItemHash.of(bytes.readUtf8()),
                bytes.readUtf8());
        Origin origin = Origin.valueOf(bytes.readUtf8());
        Instant receivedAt = Instant.ofEpochSecond(bytes.readLong(), bytes.readInt());
        return new InboxEntry(message, origin, receivedAt);
    }
}
