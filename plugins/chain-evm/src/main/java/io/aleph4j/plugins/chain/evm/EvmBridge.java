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
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Verifies EIP-191 {@code personal_sign} signatures: the signer's address is recovered from the 65-byte
 * signature over {@code "\x19Ethereum Signed Message:\n" + len + buffer} and must equal the sender
 * (case-insensitively, as the reference compares). web3j does the secp256k1 recovery and Keccak hashing.
 */
final class EvmBridge implements ChainBridge {

    /** secp256k1's group order: r and s must lie in [1, n). */
    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
    private static final HexFormat HEX = HexFormat.of();

    private final Set<Chain> chains;

    @Inject
    EvmBridge(EvmConfig config) {
        this(config.chains());
    }

    EvmBridge(Set<Chain> chains) {
        this.chains = Set.copyOf(chains);
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
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0 || s.compareTo(CURVE_ORDER) >= 0) {
            return SignatureCheck.invalid("signature's r or s is outside the secp256k1 range");
        }
        byte[] digest = Sign.getEthereumMessageHash(message.verificationBuffer());
        BigInteger publicKey;
        try {
            publicKey = Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), digest);
        } catch (RuntimeException e) {
            publicKey = null;
        }
        if (publicKey == null) {
            return SignatureCheck.invalid("no public key can be recovered from the signature");
        }
        String recovered = "0x" + Keys.getAddress(publicKey);
        if (!recovered.equalsIgnoreCase(message.sender())) {
            return SignatureCheck.invalid("signature does not match sender " + message.sender() + " for chain "
                    + message.chain() + " (it was made by " + Keys.toChecksumAddress(recovered) + ")");
        }
        return SignatureCheck.valid();
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
