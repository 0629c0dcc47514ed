package io.aleph4j.plugins.chain.evm;

import io.aleph4j.api.message.Chain;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The chains whose messages the reference node verifies with the EIP-191 personal_sign scheme (pyaleph
 * {@code src/aleph/chains/signature_verifier.py}: the chains mapped to {@code EVMVerifier} or
 * {@code EthereumVerifier}). AVAX is not among them: the reference verifies it with Avalanche's own scheme.
 */
final class EvmChains {

    static final List<String> CODES = List.of("ETH", "ARB", "BASE", "BLAST", "BOB", "BSC", "CYBER", "ETHERLINK",
            "FRAX", "HYPE", "INK", "LENS", "LINEA", "LISK", "METIS", "MODE", "NEO", "OP", "POL", "SONIC", "UNICHAIN",
            "WLD", "ZORA");

    private EvmChains() {
    }

    /** The chains for configured codes; refuses a code the reference does not verify this way. */
    static Set<Chain> of(List<String> codes) {
        for (String code : codes) {
            if (!CODES.contains(code)) {
                throw new IllegalArgumentException("chain-evm cannot serve chain '" + code
                        + "': the reference node does not verify it with EIP-191 (EVM chains: "
                        + String.join(", ", CODES) + ")");
            }
        }
        return codes.stream().map(Chain::of).collect(Collectors.toUnmodifiableSet());
    }
}
