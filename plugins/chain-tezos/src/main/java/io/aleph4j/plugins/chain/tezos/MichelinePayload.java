package io.aleph4j.plugins.chain.tezos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bytes a Tezos web wallet signs for an Aleph message with signingType {@code micheline}.
 *
 * <p>Both the reference ({@code micheline_verification_buffer} in pyaleph's {@code chains/tezos.py}) and the
 * official TypeScript SDK ({@code packages/tezos/src/account.ts}: {@code '05' + '0100' +
 * char2Bytes(String(bytes.length)) + bytes}) build {@code 0x05 0x01 0x00}, then the ASCII decimal digits of the
 * length of the payload's <em>hex</em> text (twice its byte count), then the payload's UTF-8 bytes, where the
 * payload is {@code "Tezos Signed Message: " + dAppUrl + " " + time + " " + verification buffer} and the time is
 * JavaScript's ISO form ({@code 2026-11-24T01:54:26.056Z}). This is not Micheline's own 4-byte big-endian length;
 * it is what both sides sign, so it is what verifies.
 *
 * <p>The two differ on the time: the reference reads the message time as seconds; the SDK (1.7.4) passes the
 * seconds value to {@code new Date()}, which reads milliseconds, so its signatures name a date in January 1970.
 * {@link #timeReadings(double)} gives both, the reference's first.
 */
final class MichelinePayload {

    private static final byte[] HEADER = {0x05, 0x01, 0x00};
    private static final String PREFIX = "Tezos Signed Message:";
    private static final DateTimeFormatter JAVASCRIPT_ISO = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The last instant both Python's datetime and the four-digit JavaScript form can name. */
    private static final Instant LAST_FOUR_DIGIT_YEAR_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final double MICROSECONDS_PER_SECOND = 1_000_000d;

    private MichelinePayload() {
    }

    /** The signed bytes for a verification buffer, a time (millisecond precision is kept) and a dApp URL. */
    static byte[] of(byte[] verificationBuffer, Instant time, String dAppUrl) {
        byte[] head = String.join(" ", PREFIX, dAppUrl, JAVASCRIPT_ISO.format(time), "")
                .getBytes(StandardCharsets.UTF_8);
        int payloadLength = head.length + verificationBuffer.length;
        byte[] hexLength = Integer.toString(2 * payloadLength).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER.length + hexLength.length + payloadLength);
        out.writeBytes(HEADER);
        out.writeBytes(hexLength);
        out.writeBytes(head);
        out.writeBytes(verificationBuffer);
        return out.toByteArray();
    }

    /** The instants a Micheline signature may name for a message time: the reference's reading, then the SDK's. */
    static List<Instant> timeReadings(double time) {
        List<Instant> readings = new ArrayList<>(2);
        secondsReading(time).ifPresent(readings::add);
        millisecondsReading(time).filter(reading -> !readings.contains(reading)).ifPresent(readings::add);
        return readings;
    }

    /**
     * The time read as seconds, rounded as Python's {@code datetime.fromtimestamp} rounds it (the reference's
     * {@code timestamp_to_datetime}): the fraction times 10^6 in double arithmetic, rounded half to even, to
     * microseconds; the ISO form then drops the sub-millisecond part. Empty past year 9999, which Python refuses.
     */
    static Optional<Instant> secondsReading(double time) {
        if (!Double.isFinite(time) || time < 0) {
            return Optional.empty();
        }
        double wholeSeconds = Math.floor(time);
        double microseconds = Math.rint((time - wholeSeconds) * MICROSECONDS_PER_SECOND);
        if (microseconds >= MICROSECONDS_PER_SECOND) {
            microseconds -= MICROSECONDS_PER_SECOND;
            wholeSeconds += 1;
        }
        if (wholeSeconds > LAST_FOUR_DIGIT_YEAR_INSTANT.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond((long) wholeSeconds, (long) microseconds * 1_000L));
    }

    /**
     * The time read as milliseconds, as JavaScript's {@code new Date(time)} does when the SDK signs: the fraction
     * is dropped. Empty past year 9999, where JavaScript switches to a six-digit year form.
     */
    static Optional<Instant> millisecondsReading(double time) {
        if (!Double.isFinite(time) || time < 0 || time > LAST_FOUR_DIGIT_YEAR_INSTANT.toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli((long) Math.floor(time)));
    }
}
