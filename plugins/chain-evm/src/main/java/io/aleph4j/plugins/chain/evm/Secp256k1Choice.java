package io.aleph4j.plugins.chain.evm;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/**
 * Which {@link AddressRecovery} a bridge uses, from the config's {@code secp256k1} value: {@code auto} takes
 * libsecp256k1 when it loads and recovers a known signature as web3j does, else web3j (with the reason logged);
 * {@code libsecp256k1} requires it and fails the start without it; {@code web3j} never tries it.
 */
enum Secp256k1Choice {
    AUTO, LIBSECP256K1, WEB3J;

    private static final System.Logger LOG = System.getLogger(Secp256k1Choice.class.getName());

    static Secp256k1Choice of(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not auto, libsecp256k1 or web3j", e);
        }
    }

    /** @throws IllegalStateException when libsecp256k1 is required and cannot be used */
    AddressRecovery recovery() {
        if (this == WEB3J) {
            LOG.log(System.Logger.Level.INFO, "chain-evm recovers secp256k1 signatures with web3j (configured)");
            return new Web3jAddressRecovery();
        }
        String failure;
        try {
            AddressRecovery recovery = NativeAddressRecovery.load();
            failure = SelfCheck.mismatch(recovery);
            if (failure == null) {
                LOG.log(System.Logger.Level.INFO, "chain-evm recovers secp256k1 signatures with libsecp256k1");
                return recovery;
            }
        } catch (LinkageError | RuntimeException e) {
            failure = "libsecp256k1 did not load on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ": " + e;
        }
        if (this == LIBSECP256K1) {
            throw new IllegalStateException(failure);
        }
        LOG.log(System.Logger.Level.WARNING, "chain-evm recovers secp256k1 signatures with web3j, about 4 times "
                + "slower: " + failure);
        return new Web3jAddressRecovery();
    }

    /** One signature both implementations must read alike before the native one is trusted. */
    private static final class SelfCheck {

        private SelfCheck() {
        }

        static String mismatch(AddressRecovery candidate) {
            byte[] digest = Hash.sha3("aleph4j chain-evm self-check".getBytes(StandardCharsets.UTF_8));
            Sign.SignatureData signature = Sign.signMessage(digest, ECKeyPair.create(BigInteger.valueOf(7)), false);
            byte[] rs = new byte[64];
            System.arraycopy(signature.getR(), 0, rs, 0, 32);
            System.arraycopy(signature.getS(), 0, rs, 32, 32);
            int recoveryId = signature.getV()[0] - 27;
            byte[] expected = new Web3jAddressRecovery().recover(digest, rs, recoveryId);
            byte[] actual = candidate.recover(digest, rs, recoveryId);
            return Arrays.equals(expected, actual) ? null
                    : candidate.implementation() + " recovered another address than web3j for the self-check";
        }
    }
}
