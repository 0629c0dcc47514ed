package io.aleph4j.kernel.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.kernel.internal.content.KernelContentService;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.protocol.ContentParser;
import io.aleph4j.kernel.protocol.ParsedContent;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The worker-side checks use the content the intake parsed, and parse only what came without it. */
final class MessageCheckerTest {

    private static final String CONTENT = "{\"address\":\"0xabc\",\"time\":1,\"type\":\"note\","
            + "\"content\":{\"tags\":[\"t\"]}}";
    private static final Message MESSAGE = new Message(Chain.ETH, "0xabc", MessageType.POST, "TEST", 1.0,
            ItemType.INLINE, CONTENT, ItemHash.sha256Of(CONTENT), "good");

    /** Accepts every signature: the signature is not what is tested here. */
    private record TrustingBridge() implements ChainBridge {
        @Override
        public Set<Chain> chains() {
            return Set.of(Chain.ETH);
        }

        @Override
        public SignatureCheck verify(Message message) {
            return SignatureCheck.valid();
        }
    }

    private final IntakeParses parses = new IntakeParses();
    private final MessageChecker checker = new MessageChecker(new MessageVerifier(Set.of(new TrustingBridge())),
            new KernelContentService(KernelConfig.CONTENT_MAX_FETCH_BYTES.defaultValue()), false, parses);

    @Test
    void theIntakesParseIsUsedInsteadOfParsingAgain() throws Exception {
        ParsedContent atIntake = ContentParser.parse(MessageType.POST, CONTENT);
        parses.offer(MESSAGE.itemHash(), atIntake);

        Checked checked = checker.check(work());

        assertThat(checked).isInstanceOfSatisfying(Checked.Valid.class, valid -> {
            assertThat(valid.incoming().content()).isSameAs(atIntake.content());
            assertThat(valid.incoming().fields()).isSameAs(atIntake.fields());
        });
        assertThat(parses.size()).as("taken, not left behind").isZero();
    }

    @Test
    void anEntryThatCameWithoutAParseIsParsedHere() {
        Checked checked = checker.check(work());

        assertThat(checked).isInstanceOfSatisfying(Checked.Valid.class,
                valid -> assertThat(valid.incoming().fields().tags()).containsExactly("t"));
    }

    @Test
    void theHandOffIsBoundedAndDropsWhatItCannotHold() throws Exception {
        ParsedContent parsed = ContentParser.parse(MessageType.POST, CONTENT);
        for (int i = 0; i < IntakeParses.CAPACITY + 10; i++) {
            parses.offer(ItemHash.sha256Of("message " + i), parsed);
        }

        assertThat(parses.size()).isEqualTo(IntakeParses.CAPACITY);
        parses.clear();
        assertThat(parses.size()).isZero();
    }

    private static Work work() {
        return Work.fromInbox(0, new InboxEntry(MESSAGE, Origin.API, Instant.EPOCH));
    }
}
