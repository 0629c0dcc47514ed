package io.aleph4j.plugins.support;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, as Solana writes keys and signatures and Tezos its base58check texts. Small
 * and fully specified, so written here rather than pulled in with a chain SDK (none for Tezos is on Maven
 * Central).
 */
public final class Base58 {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];
    private static final long FIVE_DIGITS = 58L * 58 * 58 * 58 * 58;

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private Base58() {
    }

    /** The base58 text of the bytes; leading zero bytes become leading '1's. */
    public static String encode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        // The number as 32-bit limbs, most significant first, divided by 58^5 at a time: five digits per pass
        // over the limbs, where dividing byte by byte by 58 would cost a pass per digit.
        int[] limbs = new int[(input.length - zeros + 3) / 4];
        for (int i = zeros; i < input.length; i++) {
            int fromEnd = input.length - 1 - i;
            limbs[limbs.length - 1 - fromEnd / 4] |= (input[i] & 0xFF) << (8 * (fromEnd % 4));
        }
        char[] encoded = new char[zeros + input.length * 138 / 100 + 6];
        int out = encoded.length;
        int start = 0;
        while (start < limbs.length) {
            long remainder = 0;
            for (int i = start; i < limbs.length; i++) {
                long value = (remainder << 32) | (limbs[i] & 0xFFFFFFFFL);
                limbs[i] = (int) (value / FIVE_DIGITS);
                remainder = value % FIVE_DIGITS;
            }
            while (start < limbs.length && limbs[start] == 0) {
                start++;
            }
            for (int d = 0; d < 5; d++) {
                encoded[--out] = ALPHABET[(int) (remainder % 58)];
                remainder /= 58;
            }
        }
        // The last group's high digits may be zeros that are not part of the number.
        while (out < encoded.length && encoded[out] == ALPHABET[0]) {
            out++;
        }
        for (int i = 0; i < zeros; i++) {
            encoded[--out] = ALPHABET[0];
        }
        return new String(encoded, out, encoded.length - out);
    }

    /** @throws IllegalArgumentException naming the first character outside the alphabet */
    public static byte[] decode(String input) {
        int length = input.length();
        int zeros = 0;
        // The number as 32-bit limbs, least significant first, multiplied by 58^n and added n digits at a time
        // (n <= 5, so that each step fits a long): a few hundred multiplications for a signature, no division.
        int[] limbs = new int[length * 733 / 4000 + 2];
        int used = 0;
        boolean leading = true;
        for (int i = 0; i < length; ) {
            long chunk = 0;
            long multiplier = 1;
            for (int n = 0; n < 5 && i < length; n++, i++) {
                char c = input.charAt(i);
                int digit = c < 128 ? INDEXES[c] : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException("'" + c + "' at position " + i + " is not a base58 character");
                }
                if (leading && digit == 0) {
                    zeros++;
                } else {
                    leading = false;
                }
                chunk = chunk * 58 + digit;
                multiplier *= 58;
            }
            long carry = chunk;
            for (int j = 0; j < used; j++) {
                carry += (limbs[j] & 0xFFFFFFFFL) * multiplier;
                limbs[j] = (int) carry;
                carry >>>= 32;
            }
            while (carry != 0) {
                limbs[used++] = (int) carry;
                carry >>>= 32;
            }
        }
        int significant = used * 4;
        while (significant > 0 && (limbs[(significant - 1) / 4] >>> (8 * ((significant - 1) % 4)) & 0xFF) == 0) {
            significant--;
        }
        byte[] decoded = new byte[zeros + significant];
        for (int k = 0; k < significant; k++) {
            decoded[decoded.length - 1 - k] = (byte) (limbs[k / 4] >>> (8 * (k % 4)));
        }
        return decoded;
    }
}
