package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.AGGREGATE;
import static io.aleph4j.api.message.MessageType.FORGET;
import static io.aleph4j.api.message.MessageType.POST;
import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostView;
import io.aleph4j.kernel.protocol.MessageFormatException;
import io.aleph4j.kernel.protocol.MessageParser;
import io.aleph4j.testkit.SdkVectors;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real signed messages, for every chain and type, through the whole pipeline (chain plugins, kernel handlers,
 * SQLite store), asserting the stored state, statuses and rejection reasons.
 */
final class MessagePipelineIT {

    private static final double T = 1_795_485_266.0;

    private final Wallet alice = Wallet.ethereum(1);
    private final Wallet bob = Wallet.ethereum(2);
    private PipelineNode node;

    @BeforeEach
    void startNode() {
        node = PipelineNode.start();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    static Stream<Wallet> wallets() {
        return Stream.of(Wallet.ethereum(11), Wallet.solana(12), Wallet.tezos(13));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("wallets")
    void everyTypeSignedOnEveryChainIsProcessedIntoState(Wallet wallet) {
        String me = wallet.address();
        Message post = wallet.signed(POST, Contents.post(me, "note", "{\"body\":\"hello\",\"tags\":[\"a\"]}", T), T);
        Message aggregate = wallet.signed(AGGREGATE, Contents.aggregate(me, "profile", "{\"name\":\"x\"}", T), T);
        ItemHash file = ItemHash.sha256Of("file bytes");
        Message store = wallet.signed(STORE, Contents.store(me, file, null, T), T);

        assertThat(node.submit(post).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.submit(aggregate).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.submit(store).status()).isEqualTo(MessageStatus.PROCESSED);

        assertThat(node.state().post(post.itemHash())).hasValueSatisfying(p -> {
            assertThat(p.owner()).isEqualTo(me);
            assertThat(p.json()).contains("hello");
            assertThat(p.tags()).containsExactly("a");
        });
        assertThat(node.state().aggregate(me, "profile")).hasValueSatisfying(
                a -> assertThat(a.json()).isEqualTo("{\"name\":\"x\"}"));
        assertThat(node.state().fileReferences(file)).singleElement()
                .satisfies(f -> assertThat(f.messageHash()).isEqualTo(store.itemHash()));

        Message forget = wallet.signed(FORGET, Contents.forget(me, T + 1, post.itemHash(), store.itemHash()), T + 1);
        assertThat(node.submit(forget).status()).isEqualTo(MessageStatus.PROCESSED);
        MessageRecord forgotten = node.record(post.itemHash());
        assertThat(forgotten.status()).isEqualTo(MessageStatus.FORGOTTEN);
        assertThat(forgotten.forgottenBy()).containsExactly(forget.itemHash());
        assertThat(forgotten.itemContent()).isNull();
        assertThat(node.state().post(post.itemHash())).isEmpty();
        assertThat(node.state().fileReferences(file)).isEmpty();
        assertThat(node.record(store.itemHash()).status()).isEqualTo(MessageStatus.FORGOTTEN);
    }

    @Test
    void messagesSignedByTheOfficialTypeScriptSdkAreProcessed() {
        List<Message> sdkMessages = Stream.of(Chain.ETH, Chain.SOL, Chain.TEZOS)
                .flatMap(chain -> SdkVectors.messages(chain).stream())
                .filter(message -> message.type() != FORGET).toList();
        assertThat(sdkMessages).hasSizeGreaterThanOrEqualTo(9);
        for (Message message : sdkMessages) {
            MessageRecord record = node.submit(message);
            assertThat(record.status()).as("%s %s: %s", message.chain(), message.type(), record.rejection())
                    .isIn(MessageStatus.PROCESSED, MessageStatus.PENDING);
            assertThat(record.rejection()).isEmpty();
        }
    }

    @Test
    void anInlineItemHashThatIsNotTheSha256OfTheContentIsRefusedAtTheDoorAndNeverLogged() {
        Message honest = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        Message wrongHash = alice.sign(new Message(Chain.ETH, alice.address(), POST, "TEST", T,
                honest.itemType(), honest.itemContent(), ItemHash.sha256Of("something else"), ""));

        assertThatThrownBy(() -> node.embedded().node().messageIntake().submit(wrongHash, Origin.API))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("is not the sha256 of item_content");
        assertThat(node.state().message(wrongHash.itemHash())).isEmpty();
    }

    @Test
    void contentThatDoesNotMatchTheSignedHashIsRefusedAndNothingOfItIsKept() {
        Message signed = alice.signed(POST, Contents.post(alice.address(), "note", "{\"n\":1}", T), T);
        // The signature covers the hash, the hash names other content: swapping the content breaks the pair.
        Message swapped = new Message(signed.chain(), signed.sender(), POST, "TEST", T, signed.itemType(),
                Contents.post(alice.address(), "note", "{\"n\":2}", T), signed.itemHash(), signed.signature());

        assertThat(node.offer(swapped)).as("refused by the intake").isEmpty();
        assertThat(node.state().message(signed.itemHash())).isEmpty();
        assertThat(node.state().post(signed.itemHash())).isEmpty();
    }

    @Test
    void aCorruptedSignatureIsRejected() {
        Message signed = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        String signature = signed.signature();
        char flipped = signature.charAt(10) == 'a' ? 'b' : 'a';
        Message corrupted = Wallet.withSignature(signed, signature.substring(0, 10) + flipped
                + signature.substring(11));

        assertRejected(node.submit(corrupted), ErrorCode.INVALID_SIGNATURE, "");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("wallets")
    void aSignatureByAnotherKeyThanTheSendersIsRejected(Wallet signer) {
        Wallet victim = switch (signer.chain().code()) {
            case "ETH" -> Wallet.ethereum(99);
            case "SOL" -> Wallet.solana(99);
            default -> Wallet.tezos(99);
        };
        Message forged = signer.sign(signer.unsigned(victim.address(), POST, "TEST", T,
                Contents.post(victim.address(), "note", "{}", T)));

        assertRejected(node.submit(forged), ErrorCode.INVALID_SIGNATURE, "");
        assertThat(node.state().post(forged.itemHash())).isEmpty();
    }

    @Test
    void aMessageForAChainNoPluginVerifiesIsRejectedNamingTheChain() {
        Message signed = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        Message unknownChain = new Message(Chain.of("NOSUCHCHAIN"), signed.sender(), POST, "TEST", T,
                signed.itemType(), signed.itemContent(), signed.itemHash(), signed.signature());

        assertRejected(node.submit(unknownChain), ErrorCode.INVALID_FORMAT, "chain NOSUCHCHAIN is not verified");
    }

    @Test
    void aSenderPostingForAnotherAddressWithoutDelegationIsRefused() {
        Message asAlice = bob.sign(bob.unsigned(bob.address(), POST, "TEST", T,
                Contents.post(alice.address(), "note", "{}", T)));

        assertRejected(node.submit(asAlice), ErrorCode.PERMISSION_DENIED, "may not act for " + alice.address());
        assertThat(node.state().post(asAlice.itemHash())).isEmpty();
    }

    @Test
    void aDelegateActsWithinItsFiltersAndIsRefusedOutsideThem() {
        String grant = "[{\"address\":\"" + bob.address().toLowerCase() + "\",\"types\":[\"POST\"],"
                + "\"post_types\":[\"note\"],\"channels\":[\"TEST\"]}]";
        assertThat(node.submit(alice.signed(AGGREGATE, Contents.security(alice.address(), grant, T), T)).status())
                .isEqualTo(MessageStatus.PROCESSED);

        Message note = bob.sign(bob.unsigned(bob.address(), POST, "TEST", T + 1,
                Contents.post(alice.address(), "note", "{\"by\":\"bob\"}", T + 1)));
        Message blog = bob.sign(bob.unsigned(bob.address(), POST, "TEST", T + 2,
                Contents.post(alice.address(), "blog", "{}", T + 2)));
        Message otherChannel = bob.sign(bob.unsigned(bob.address(), POST, "ELSEWHERE", T + 3,
                Contents.post(alice.address(), "note", "{}", T + 3)));
        Message aggregate = bob.sign(bob.unsigned(bob.address(), AGGREGATE, "TEST", T + 4,
                Contents.aggregate(alice.address(), "profile", "{}", T + 4)));

        assertThat(node.submit(note).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.state().post(note.itemHash()).orElseThrow().owner()).isEqualTo(alice.address());
        assertRejected(node.submit(blog), ErrorCode.PERMISSION_DENIED, "");
        assertRejected(node.submit(otherChannel), ErrorCode.PERMISSION_DENIED, "");
        assertRejected(node.submit(aggregate), ErrorCode.PERMISSION_DENIED, "");
    }

    @Test
    void onlyTheOwnerWritesItsSecurityAggregateEvenWithADelegation() {
        String grant = "[{\"address\":\"" + bob.address() + "\"}]";
        node.submit(alice.signed(AGGREGATE, Contents.security(alice.address(), grant, T), T));

        Message widen = bob.sign(bob.unsigned(bob.address(), AGGREGATE, "TEST", T + 1,
                Contents.security(alice.address(), "[{\"address\":\"0xmallory\"}]", T + 1)));

        assertRejected(node.submit(widen), ErrorCode.PERMISSION_DENIED, "security aggregate");
        assertThat(node.state().aggregate(alice.address(), "security").orElseThrow().json()).doesNotContain("mallory");
    }

    @Test
    void forgettingSomeoneElsesMessageIsRefusedAndLeavesItReadable() {
        Message post = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        node.submit(post);
        Message forget = bob.signed(FORGET, Contents.forget(bob.address(), T + 1, post.itemHash()), T + 1);

        assertRejected(node.submit(forget), ErrorCode.PERMISSION_DENIED, "may not forget");
        assertThat(node.record(post.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.state().post(post.itemHash())).isPresent();
    }

    @Test
    void forgettingAForgetIsRefused() {
        Message post = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        node.submit(post);
        Message forget = alice.signed(FORGET, Contents.forget(alice.address(), T + 1, post.itemHash()), T + 1);
        node.submit(forget);
        Message forgetTheForget = alice.signed(FORGET, Contents.forget(alice.address(), T + 2, forget.itemHash()),
                T + 2);

        assertRejected(node.submit(forgetTheForget), ErrorCode.FORGET_FORGET, "");
    }

    @Test
    void theSameMessageTwiceIsStoredOnceAndABadCopyDoesNotReplaceIt() {
        Message post = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        node.submit(post);
        node.submit(post);
        Message badCopy = Wallet.withSignature(post, bob.signed(POST, post.itemContent(), T).signature());
        node.submit(badCopy);

        assertThat(node.record(post.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.state().messages(MessageFilter.any(), PageRequest.all()).items()).hasSize(1);
        assertThat(node.state().posts(PostFilter.any(), PageRequest.all()).items()).hasSize(1);
    }

    @Test
    void aRejectedCopyDoesNotBlockTheValidMessageArrivingLater() {
        Message post = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        Message badCopy = Wallet.withSignature(post, bob.signed(POST, post.itemContent(), T).signature());

        assertThat(node.submit(badCopy).status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(node.submit(post).status()).isEqualTo(MessageStatus.PROCESSED);
    }

    @Test
    void inlineContentOverTheReferenceLimitIsRefusedBeforeItReachesTheLog() {
        String big = "x".repeat(MessageParser.MAX_INLINE_CHARACTERS);
        String content = Contents.post(alice.address(), "note", "\"" + big + "\"", T);
        Message signed = alice.signed(POST, content, T);
        String json = "{\"chain\":\"ETH\",\"sender\":\"" + signed.sender() + "\",\"type\":\"POST\",\"channel\":"
                + "\"TEST\",\"time\":" + T + ",\"item_type\":\"inline\",\"item_hash\":\"" + signed.itemHash().value()
                + "\",\"item_content\":" + quoted(content) + ",\"signature\":\"" + signed.signature() + "\"}";

        assertThatThrownBy(() -> MessageParser.parse(json)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("longer than " + MessageParser.MAX_INLINE_CHARACTERS);
    }

    @Test
    void theLatestAmendIsReadAndAnAmendArrivingBeforeItsOriginalWaitsForIt() {
        Message original = alice.signed(POST, Contents.post(alice.address(), "note", "{\"v\":0}", T), T);
        Message amend1 = alice.signed(POST, Contents.amend(alice.address(), original.itemHash(), "{\"v\":1}", T + 1),
                T + 1);
        Message amend2 = alice.signed(POST, Contents.amend(alice.address(), original.itemHash(), "{\"v\":2}", T + 2),
                T + 2);

        assertThat(node.submit(amend2).status()).isEqualTo(MessageStatus.PENDING);
        assertThat(node.submit(original).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.record(amend2.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.submit(amend1).status()).isEqualTo(MessageStatus.PROCESSED);

        PostView view = node.state().posts(PostFilter.any(), PageRequest.all()).items().getFirst();
        assertThat(view.original().itemHash()).isEqualTo(original.itemHash());
        assertThat(view.current().json()).isEqualTo("{\"v\":2}");
    }

    @Test
    void anAmendByAnotherAddressOrOfAnAmendIsRefused() {
        Message original = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        node.submit(original);
        Message amend = alice.signed(POST, Contents.amend(alice.address(), original.itemHash(), "{}", T + 1), T + 1);
        node.submit(amend);

        Message byBob = bob.signed(POST, Contents.amend(bob.address(), original.itemHash(), "{}", T + 2), T + 2);
        Message ofAmend = alice.signed(POST, Contents.amend(alice.address(), amend.itemHash(), "{}", T + 3), T + 3);

        assertRejected(node.submit(byBob), ErrorCode.PERMISSION_DENIED, "original's address");
        assertRejected(node.submit(ofAmend), ErrorCode.POST_AMEND_AMEND, "");
    }

    @Test
    void forgettingAPostForgetsItsAmends() {
        Message original = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        Message amend = alice.signed(POST, Contents.amend(alice.address(), original.itemHash(), "{}", T + 1), T + 1);
        node.submit(original);
        node.submit(amend);

        node.submit(alice.signed(FORGET, Contents.forget(alice.address(), T + 2, original.itemHash()), T + 2));

        assertThat(node.record(amend.itemHash()).status()).isEqualTo(MessageStatus.FORGOTTEN);
        assertThat(node.state().posts(PostFilter.any(), PageRequest.all()).items()).isEmpty();
    }

    @Test
    void aggregateElementsMergeInContentTimeOrderWhateverTheArrivalOrder() {
        Message later = alice.signed(AGGREGATE, Contents.aggregate(alice.address(), "k", "{\"a\":2,\"c\":3}", T + 1),
                T + 1);
        Message earlier = alice.signed(AGGREGATE, Contents.aggregate(alice.address(), "k", "{\"a\":1,\"b\":1}", T), T);
        node.submit(later);
        node.submit(earlier);

        AggregateRecord aggregate = node.state().aggregate(alice.address(), "k").orElseThrow();
        assertThat(aggregate.json()).isEqualTo("{\"a\":2,\"b\":1,\"c\":3}");
        assertThat(aggregate.lastRevision()).isEqualTo(later.itemHash());
    }

    @Test
    void aForgottenAggregateElementLeavesTheOthersMergedAndForgettingTheKeyRemovesIt() {
        Message first = alice.signed(AGGREGATE, Contents.aggregate(alice.address(), "k", "{\"a\":1}", T), T);
        Message second = alice.signed(AGGREGATE, Contents.aggregate(alice.address(), "k", "{\"b\":2}", T + 1), T + 1);
        node.submit(first);
        node.submit(second);

        node.submit(alice.signed(FORGET, Contents.forget(alice.address(), T + 2, second.itemHash()), T + 2));
        assertThat(node.state().aggregate(alice.address(), "k").orElseThrow().json()).isEqualTo("{\"a\":1}");

        Message forgetKey = alice.signed(FORGET, Contents.forgetAggregates(alice.address(), T + 3, "k"), T + 3);
        assertThat(node.submit(forgetKey).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.state().aggregate(alice.address(), "k")).isEmpty();
        assertThat(node.record(first.itemHash()).status()).isEqualTo(MessageStatus.FORGOTTEN);
    }

    @Test
    void aStoreVersionWaitsForTheStoreItUpdatesAndAVersionOfAVersionOrOfSomeoneElsesIsRefused() {
        ItemHash v1 = ItemHash.sha256Of("v1");
        ItemHash v2 = ItemHash.sha256Of("v2");
        Message original = alice.signed(STORE, Contents.store(alice.address(), v1, null, T), T);
        Message update = alice.signed(STORE, Contents.store(alice.address(), v2, original.itemHash().value(), T + 1),
                T + 1);

        assertThat(node.submit(update).status()).isEqualTo(MessageStatus.PENDING);
        node.submit(original);
        assertThat(node.record(update.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);

        Message updateOfUpdate = alice.signed(STORE, Contents.store(alice.address(), ItemHash.sha256Of("v3"),
                update.itemHash().value(), T + 2), T + 2);
        assertRejected(node.submit(updateOfUpdate), ErrorCode.STORE_UPDATE_UPDATE, "");

        Message someoneElsesVersion = bob.signed(STORE, Contents.store(bob.address(), ItemHash.sha256Of("b"),
                original.itemHash().value(), T + 3), T + 3);
        assertRejected(node.submit(someoneElsesVersion), ErrorCode.PERMISSION_DENIED, "only its owner");
    }

    private static void assertRejected(MessageRecord record, ErrorCode code, String detailPart) {
        assertThat(record.status()).as("status of %s", record.itemHash()).isEqualTo(MessageStatus.REJECTED);
        assertThat(record.rejection()).hasValueSatisfying(reason -> {
            assertThat(reason.code()).isEqualTo(code);
            assertThat(reason.detail()).contains(detailPart);
        });
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
