package io.aleph4j.plugins.chain.evm;

/**
 * Recovers the Ethereum address behind a secp256k1 signature: the one costly step of verifying a message. Two
 * implementations give the same answers (the bridge's tests run on both): libsecp256k1 through JNI, about four
 * times faster, and web3j's pure-Java recovery, which runs wherever a JVM does.
 */
sealed interface AddressRecovery permits NativeAddressRecovery, Web3jAddressRecovery {

    /**
     * @param digest     the 32-byte hash that was signed
     * @param rs         r then s, 32 bytes each, both already checked to lie in [1, n)
     * @param recoveryId 0 or 1
     * @return the signer's 20-byte address, or null when no public key can be recovered
     */
    byte[] recover(byte[] digest, byte[] rs, int recoveryId);

    /** What does the work, as the log and the node's status show it. */
    String implementation();
}
