package io.aleph4j.benchmarks;

import io.aleph4j.api.message.Message;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * web3j's own EIP-191 verification, as issue 17's table measured the web3j ceiling: {@code
 * Sign.signedPrefixedMessageToKey} on the verification buffer, then the key's address compared with the sender.
 * The bridge's web3j fallback does less per message (one Keccak digest per thread, bytes compared), so its ceiling
 * is higher than this one.
 */
final class Web3jReference {

    private record Input(byte[] buffer, Sign.SignatureData signature, String sender) {
    }

    private final List<Input> inputs;

    private Web3jReference(List<Input> inputs) {
        this.inputs = inputs;
    }

    static Web3jReference of(List<Message> messages) {
        HexFormat hex = HexFormat.of();
        List<Input> inputs = new ArrayList<>(messages.size());
        for (Message message : messages) {
            byte[] signature = hex.parseHex(message.signature(), 2, message.signature().length());
            inputs.add(new Input(message.verificationBuffer(), new Sign.SignatureData(signature[64],
                    Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64)), message.sender()));
        }
        return new Web3jReference(inputs);
    }

    /** Verified messages per second on {@code threads} threads, after a warm-up pass over a quarter of them. */
    double perSecond(int threads) throws Exception {
        for (int i = 0; i < inputs.size() / 4; i++) {
            verify(inputs.get(i));
        }
        return ParallelRate.of(inputs.size(), threads, "web3j's own verification", i -> verify(inputs.get(i)));
    }

    private static boolean verify(Input input) {
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(input.buffer(), input.signature());
            return ("0x" + Keys.getAddress(key)).equalsIgnoreCase(input.sender());
        } catch (java.security.SignatureException e) {
            return false;
        }
    }
}
