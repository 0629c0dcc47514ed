package io.aleph4j.kernel.internal.log;

import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.RejectionReason;
import java.time.Instant;
import java.util.Optional;
import net.openhft.chronicle.bytes.Bytes;

/** Event format, version 1: hash, status, optional rejection (code, detail), inbox index, time. */
final class EventCodec implements EntryCodec<MessageEvent> {

    private static final byte VERSION = 1;

    @Override
    public void write(Bytes<?> bytes, MessageEvent event) {
        bytes.writeByte(VERSION);
        bytes.writeUtf8(event.itemHash().value());
        bytes.writeUtf8(event.status().wireName());
        bytes.writeBoolean(event.rejection().isPresent());
        event.rejection().ifPresent(reason -> {
            bytes.writeInt(reason.code().code());
            bytes.writeUtf8(reason.detail());
        });
        bytes.writeLong(event.inboxIndex());
        bytes.writeLong(event.at().getEpochSecond());
        bytes.writeInt(event.at().getNano());
    }

    @Override
    public MessageEvent read(Bytes<?> bytes) {
        EntryCodec.readVersion(bytes, VERSION, "event");
        ItemHash itemHash = ItemHash.of(bytes.readUtf8());
        MessageStatus status = MessageStatus.fromWire(bytes.readUtf8());
        Optional<RejectionReason> rejection = bytes.readBoolean()
                ? Optional.of(RejectionReason.of(ErrorCode.ofCode(bytes.readInt()), bytes.readUtf8()))
                : Optional.empty();
        long inboxIndex = bytes.readLong();
        Instant at = Instant.ofEpochSecond(bytes.readLong(), bytes.readInt());
        return new MessageEvent(itemHash, status, rejection, inboxIndex, at);
    }
}
