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
        Utf8Text.write(bytes, event.itemHash().value());
        Utf8Text.write(bytes, event.status().wireName());
        bytes.writeBoolean(event.rejection().isPresent());
        event.rejection().ifPresent(reason -> {
            bytes.writeInt(reason.code().code());
            Utf8Text.write(bytes, reason.detail());
        });
        bytes.writeLong(event.inboxIndex());
        bytes.writeLong(event.at().getEpochSecond());
        bytes.writeInt(event.at().getNano());
    }

    @Override
    public MessageEvent read(Bytes<?> bytes) {
        EntryCodec.readVersion(bytes, VERSION, "event");
        ItemHash itemHash = ItemHash.of(Utf8Text.read(bytes));
        MessageStatus status = MessageStatus.fromWire(Utf8Text.read(bytes));
        Optional<RejectionReason> rejection = bytes.readBoolean()
                ? Optional.of(RejectionReason.of(ErrorCode.ofCode(bytes.readInt()), Utf8Text.read(bytes)))
                : Optional.empty();
        long inboxIndex = bytes.readLong();
        Instant at = Instant.ofEpochSecond(bytes.readLong(), bytes.readInt());
        return new MessageEvent(itemHash, status, rejection, inboxIndex, at);
    }
}
