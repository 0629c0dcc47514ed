package io.aleph4j.plugins.crn.supervisor;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** The address that signed bytes with Ethereum's personal_sign (EIP-191 version 0x45), as the reference checks it. */
final class Eip191 {

    private Eip191() {
    }

    /** The signer's lowercase {@code 0x} address, or empty when the signature is malformed or recovers nothing. */
    static Optional<String> signer(byte[] message, String signatureHex) {
        String hex = signatureHex.startsWith("0x") || signatureHex.startsWith("0X") ? signatureHex.substring(2)
                : signatureHex;
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (signature.length != 65) {
            return Optional.empty();
        }
        byte v = signature[64];
        if (v < 27) {
            v += 27;
        }
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(message, new Sign.SignatureData(v,
                    Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64)));
            return Optional.of("0x" + Keys.getAddress(key).toLowerCase(java.util.Locale.ROOT));
        } catch (SignatureException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
