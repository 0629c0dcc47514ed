package io.aleph4j.api.chain;

/** What a chain bridge can do beyond verifying signatures. */
public enum ChainCapability {
    /** Verifies message signatures for its chains (every bridge does). */
    VERIFY,
    /** Reads messages and events from the chain ({@link ChainBridge#reader()}). */
    READ,
    /** Publishes message batches to the chain ({@link ChainBridge#writer()}). */
    WRITE,
    /** Answers token balances ({@link ChainBridge#balances()}). */
    BALANCES
}
