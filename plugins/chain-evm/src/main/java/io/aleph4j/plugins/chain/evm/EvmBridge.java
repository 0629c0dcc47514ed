package io.aleph4j.plugins.chain.evm;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Verifies EIP-191 {@code personal_sign} signatures: the signer's address is recovered from the 65-byte
 * signature over {@code "\x19Ethereum Signed Message:\n" + len + buffer} and must equal the sender
 * (case-insensitively, as the reference compares). The recovery is libsecp256k1's where it loads, else web3j's
 * ({@link Secp256k1Choice}); the bridge's name says which, so the node's status shows it.
 */
final class EvmBridge implements ChainBridge {

    /** secp256k1's group order: r and s must lie in [1, n). */
    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
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
        byte[] rs = Arrays.copyOf(signature, 64);
        if (!inRange(rs, 0) || !inRange(rs, 32)) {
            return SignatureCheck.invalid("signature's r or s is outside the secp256k1 range");
        }
        byte[] digest = Sign.getEthereumMessageHash(message.verificationBuffer());
        byte[] address = recovery.recover(digest, rs, recoveryId);
        if (address == null) {
            return SignatureCheck.invalid("no public key can be recovered from the signature");
        }
        String recovered = "0x" + HEX.formatHex(address);
        if (!recovered.equalsIgnoreCase(message.sender())) {
            return SignatureCheck.invalid("signature does not match sender " + message.sender() + " for chain "
                    + message.chain() + " (it was made by " + Keys.toChecksumAddress(recovered) + ")");
        }
        return SignatureCheck.valid();
    }

    /** Whether the 32 bytes at {@code offset} read as a number in [1, n). */
    private static boolean inRange(byte[] rs, int offset) {
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(rs, offset, offset + 32));
        return value.signum() != 0 && value.compareTo(CURVE_ORDER) < 0;
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
