package io.aleph4j.plugins.chain.evm;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.Keys;

/**
 * Verifies EIP-191 {@code personal_sign} signatures: the signer's address is recovered from the 65-byte
 * signature over {@code "\x19Ethereum Signed Message:\n" + len + buffer} and must equal the sender
 * (case-insensitively, as the reference compares). The recovery is libsecp256k1's where it loads, else web3j's
 * ({@link Secp256k1Choice}); the bridge's name says which, so the node's status shows it.
 */
final class EvmBridge implements ChainBridge {

    /** secp256k1's group order, big-endian: r and s must lie in [1, n). */
    private static final byte[] CURVE_ORDER = HexFormat.of().parseHex(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    private static final HexFormat HEX = HexFormat.of();

    private final Set<Chain> chains;
    private final AddressRecovery recovery;

    @Inject
    EvmBridge(EvmConfig config) {
        this(config.chains(), config.secp256k1().recovery());
    }

    EvmBridge(Set<Chain> chains, AddressRecovery recovery) {
        this.chains = Set.copyOf(chains);
        this.recovery = recovery;
    }

    @Override
    public String extensionName() {
        return "EvmBridge (" + recovery.implementation() + ")";
    }

    @Override
    public Set<Chain> chains() {
        return chains;
    }

    @Override
    public SignatureCheck verify(Message message) {
        if (!chains.contains(message.chain())) {
            return SignatureCheck.invalid("chain-evm does not verify chain " + message.chain());
        }
        byte[] signature = decode(message.signature());
        if (signature == null) {
            return SignatureCheck.invalid("signature is not 0x-prefixed hex of 65 bytes (r, s, v)");
        }
        Integer recoveryId = recoveryId(signature[64] & 0xFF);
        if (recoveryId == null) {
            return SignatureCheck.invalid("signature's v byte " + (signature[64] & 0xFF)
                    + " is not 0, 1, 27, 28 or an EIP-155 value");
        }
        if (!inRange(signature, 0) || !inRange(signature, 32)) {
            return SignatureCheck.invalid("signature's r or s is outside the secp256k1 range");
        }
        byte[] digest = Keccak256.ofPersonalMessage(message.verificationBuffer());
        byte[] address = recovery.recover(digest, Arrays.copyOf(signature, 64), recoveryId);
        if (address == null) {
            return SignatureCheck.invalid("no public key can be recovered from the signature");
        }
        if (!isAddress(message.sender(), address)) {
            return SignatureCheck.invalid("signature does not match sender " + message.sender() + " for chain "
                    + message.chain() + " (it was made by " + Keys.toChecksumAddress(HEX.formatHex(address)) + ")");
        }
        return SignatureCheck.valid();
    }

    /** Whether the 32 bytes at {@code offset} read as a number in [1, n), compared as unsigned big-endian bytes. */
    private static boolean inRange(byte[] rs, int offset) {
        boolean zero = true;
        for (int i = 0; i < 32 && zero; i++) {
            zero = rs[offset + i] == 0;
        }
        return !zero && Arrays.compareUnsigned(rs, offset, offset + 32, CURVE_ORDER, 0, 32) < 0;
    }

    /**
     * Whether {@code sender} is the {@code 0x} hex of these 20 bytes, in any case (the reference compares
     * case-insensitively): byte by byte, so that a verified message costs no string building.
     */
    private static boolean isAddress(String sender, byte[] address) {
        if (sender.length() != 42 || sender.charAt(0) != '0' || (sender.charAt(1) | 0x20) != 'x') {
            return false;
        }
        for (int i = 0; i < 20; i++) {
            int high = hexDigit(sender.charAt(2 + 2 * i));
            int low = hexDigit(sender.charAt(3 + 2 * i));
            if (high < 0 || low < 0 || (byte) (high << 4 | low) != address[i]) {
                return false;
            }
        }
        return true;
    }

    /** An ASCII hex digit's value, else -1 ({@code Character.digit} would also read other scripts' digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static byte[] decode(String signature) {
        if (signature.length() != 132 || !signature.toLowerCase(Locale.ROOT).startsWith("0x")) {
            return null;
        }
        try {
            return HEX.parseHex(signature, 2, signature.length());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** v as the reference's eth_account reads it: 0/1, 27/28, or EIP-155 (35 + 2 chainId + bit). */
    private static Integer recoveryId(int v) {
        if (v == 0 || v == 1) {
            return v;
        }
        if (v == 27 || v == 28) {
            return v - 27;
        }
        if (v >= 35) {
            return (v - 35) % 2;
        }
        return null;
    }
}
