package io.aleph4j.kernel.internal.log;

import io.aleph4j.api.log.InboxEntry;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Run in a JVM of its own by {@link KilledWriterTest}: appends {@code count} inbox entries, then writes one more
 * and halts before its document is closed, as a SIGKILL between the two would: no finally block, no shutdown hook,
 * the entry's bytes in the file and its header not completed.
 */
final class HaltMidAppend {

    /** The exit status the halt reports. */
    static final int HALTED = 77;

    private HaltMidAppend() {
    }

    public static void main(String[] args) {
        Path log = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        InboxCodec codec = new InboxCodec();
        EntryCodec<InboxEntry> halting = new EntryCodec<>() {
            private int written;

            @Override
            public void write(Bytes<?> bytes, InboxEntry value) {
                codec.write(bytes, value);
                if (++written > count) {
                    Runtime.getRuntime().halt(HALTED);
                }
            }

            @Override
            public InboxEntry read(Bytes<?> bytes) {
                return codec.read(bytes);
            }
        };
        TypedQueue<InboxEntry> inbox = new TypedQueue<>("inbox", "halting", log.resolve("inbox"),
                log.resolve("positions/inbox"), halting, true);
        for (int i = 0; i < count; i++) {
            inbox.append(TestEntries.post(i));
        }
        inbox.append(KilledWriterTest.large(count));
        throw new AssertionError("the last append should have halted the JVM");
    }
}
