package io.aleph4j.plugins.chain.evm;

import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** Recovery in pure Java (web3j over BouncyCastle): the fallback where libsecp256k1 does not load. */
final class Web3jAddressRecovery implements AddressRecovery {

    static final String IMPLEMENTATION = "web3j";

    @Override
    public byte[] recover(byte[] digest, byte[] rs, int recoveryId) {
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        BigInteger publicKey;
        try {
            publicKey = Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), digest);
        } catch (RuntimeException e) {
            return null;
        }
        return publicKey == null ? null : Keys.getAddress(Numeric.toBytesPadded(publicKey, 64));
    }

    @Override
    public String implementation() {
        return IMPLEMENTATION;
    }
}
