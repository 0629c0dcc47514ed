package io.aleph4j.plugins.chain.tezos;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.plugins.support.ed25519.Ed25519Choice;
import io.aleph4j.testkit.SdkVectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

final class MichelinePayloadTest {

    /**
     * The official SDK's first TEZOS message (a POST at time 1795485266.245): the bytes its wallet signed, written
     * out: 0x05 0x01 0x00, "352" (the payload's 176 bytes are 352 hex characters), then the payload.
     */
    @Test
    void theBytesOfTheSdksFirstMessageAreWhatItsWalletSigned() {
        Message message = SdkVectors.messages(Chain.TEZOS).get(0);
        String payload = "Tezos Signed Message: https://aleph.im 1970-01-21T18:44:45.266Z TEZOS\n"
                + "tz1YXLJD4XvQdDe7vXm9a1mEkwqw4xxcjUqx\nPOST\n"
                + "bf4e7adc57904e5a0c1699ff916fe4aa92177d21959c2534e2668dee2efe8ffa";
        byte[] expected = concat(new byte[] {0x05, 0x01, 0x00}, ("352" + payload).getBytes(StandardCharsets.UTF_8));

        byte[] bytes = MichelinePayload.of(message.verificationBuffer(),
                MichelinePayload.millisecondsReading(message.time()).orElseThrow(), "https://aleph.im");

        assertThat(bytes).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(Blake2b.digest256(bytes)))
                .isEqualTo("1dc7abc0237572b11d550cf11b779d5dfd507082feae304fd97c253e7eb1fbee");
        SignatureFields fields = SignatureFields.parse(message.signature());
        TezosPublicKey key = TezosPublicKey.decode(fields.publicKey(), Ed25519Choice.BOUNCYCASTLE.verifier("test"));
        assertThat(key.verifies(key.kind().decodeSignature(fields.signature()), Blake2b.digest256(bytes))).isTrue();
    }

    @Test
    void theBuilderMatchesTheSdksHexAssembly() {
        byte[] buffer = "TEZOS\ntz1x\nPOST\nabc".getBytes(StandardCharsets.UTF_8);

        assertThat(MichelinePayload.of(buffer, Instant.parse("2026-11-24T01:54:26Z"), "https://dapp.example/é"))
                .isEqualTo(TestWallet.michelineBytes(buffer, "2026-11-24T01:54:26.000Z", "https://dapp.example/é"));
    }

    @Test
    void theReferenceReadsSecondsAndTheSdkMilliseconds() {
        assertThat(MichelinePayload.timeReadings(1795485690.122)).containsExactly(
                Instant.parse("2026-11-24T02:01:30.122Z"), Instant.parse("1970-01-21T18:44:45.690Z"));
        assertThat(MichelinePayload.timeReadings(0)).containsExactly(Instant.EPOCH);
    }

    /** Expected values printed by Python's datetime.fromtimestamp(t, timezone.utc), as the reference reads times. */
    @Test
    void theSecondsReadingRoundsAsPythonDoes() {
        assertThat(iso(1795485266.0009995)).isEqualTo("2026-11-24T01:54:26.000Z");
        assertThat(iso(1.9999996)).isEqualTo("1970-01-01T00:00:02.000Z");
        assertThat(iso(0.0015)).isEqualTo("1970-01-01T00:00:00.001Z");
        assertThat(iso(253402300799.999)).isEqualTo("9999-12-31T23:59:59.998Z");
        assertThat(MichelinePayload.secondsReading(253402300800.0)).isEmpty();
    }

    /** Expected values printed by node: new Date(t).toISOString(). */
    @Test
    void theMillisecondsReadingDropsTheFractionAsJavaScriptDoes() {
        assertThat(MichelinePayload.millisecondsReading(1.9999996)).contains(Instant.parse("1970-01-01T00:00:00.001Z"));
        assertThat(MichelinePayload.millisecondsReading(1795485266.245))
                .contains(Instant.parse("1970-01-21T18:44:45.266Z"));
        assertThat(MichelinePayload.millisecondsReading(2.6e14)).isEmpty();
    }

    /** The time text inside the payload, as the reference formats the seconds reading. */
    private static String iso(double time) {
        byte[] bytes = MichelinePayload.of(new byte[0], MichelinePayload.secondsReading(time).orElseThrow(), "d");
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.substring(text.indexOf(": d ") + 4, text.length() - 1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
