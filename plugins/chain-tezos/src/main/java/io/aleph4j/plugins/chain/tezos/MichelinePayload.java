package io.aleph4j.plugins.chain.tezos;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The bytes a Tezos web wallet signs for an Aleph message (signingType {@code micheline}), built as the reference
 * does (pyaleph {@code micheline_verification_buffer}): {@code 0x05 0x01 0x00}, the ASCII decimal digits of the
 * length of the payload's hex encoding, then the payload {@code "Tezos Signed Message: " + dAppUrl + " " +
 * time + " " + buffer}, with the time in JavaScript's ISO format ({@code 2026-11-24T01:54:26.056Z}).
 */
final class MichelinePayload {

    private static final DateTimeFormatter JS_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final byte[] HEADER = {0x05, 0x01, 0x00};

    private MichelinePayload() {
    }

    static byte[] of(byte[] verificationBuffer, Instant time, String dAppUrl) {
        byte[] text = ("Tezos Signed Message: " + dAppUrl + " " + JS_ISO.format(time) + " ")
                .getBytes(StandardCharsets.UTF_8);
        int payloadLength = text.length + verificationBuffer.length;
        byte[] hexLength = String.valueOf(payloadLength * 2).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER.length + hexLength.length + payloadLength);
        out.writeBytes(HEADER);
        out.writeBytes(hexLength);
        out.writeBytes(text);
        out.writeBytes(verificationBuffer);
        return out.toByteArray();
    }

    /** The message time read as seconds since the epoch, as the reference reads it. */
    static Instant secondsReading(double time) {
        BigDecimal micros = BigDecimal.valueOf(time).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN);
        return Instant.EPOCH.plusNanos(micros.longValueExact() * 1000);
    }

    /**
     * The message time read as milliseconds, as the official TypeScript SDK (1.7.4) does when it signs: it
     * passes the seconds value to {@code new Date()}, which takes milliseconds and drops the fraction. So its
     * signatures name a date in January 1970.
     */
    static Instant millisecondsReading(double time) {
        return Instant.ofEpochMilli((long) Math.floor(time));
    }
}
