package io.aleph4j.benchmarks;

import fr.acinq.secp256k1.Secp256k1;
import io.aleph4j.api.message.Message;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.web3j.crypto.Sign;

/**
 * The bound of any ETH verifier on this machine: libsecp256k1's public-key recovery alone, on inputs prepared
 * beforehand (the EIP-191 digest, r and s, the recovery id), with no hashing, decoding or address check. The
 * bridge's native ceiling is measured against it, and its ratio to the web3j ceiling is the most that a verifier on
 * the best library reachable here can reach over web3j.
 */
final class BareRecovery {

    private record Input(byte[] digest, byte[] rs, int recoveryId) {
    }

    private final List<Input> inputs;

    private BareRecovery(List<Input> inputs) {
        this.inputs = inputs;
    }

    /** Prepares the recovery inputs of ETH-signed messages (65-byte signatures, v of 27 or 28). */
    static BareRecovery of(List<Message> messages) {
        HexFormat hex = HexFormat.of();
        List<Input> inputs = new ArrayList<>(messages.size());
        for (Message message : messages) {
            byte[] signature = hex.parseHex(message.signature(), 2, message.signature().length());
            byte[] rs = new byte[64];
            System.arraycopy(signature, 0, rs, 0, 64);
            inputs.add(new Input(Sign.getEthereumMessageHash(message.verificationBuffer()), rs,
                    (signature[64] & 0xFF) - 27));
        }
        return new BareRecovery(inputs);
    }

    /** Recoveries per second on {@code threads} threads, after a warm-up pass over a quarter of the inputs. */
    double perSecond(int threads) throws Exception {
        Secp256k1 secp256k1 = Secp256k1.get();
        for (int i = 0; i < inputs.size() / 4; i++) {
            recover(secp256k1, inputs.get(i));
        }
        return ParallelRate.of(inputs.size(), threads, "bare recovery",
                i -> recover(secp256k1, inputs.get(i)).length == 65);
    }

    private static byte[] recover(Secp256k1 secp256k1, Input input) {
        return secp256k1.ecdsaRecover(input.rs(), input.digest(), input.recoveryId());
    }
}
