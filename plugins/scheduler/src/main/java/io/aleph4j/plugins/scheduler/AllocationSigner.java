package io.aleph4j.plugins.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aleph4j.plugins.support.Sha256;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signs allocation requests as the reference's scheduler does ({@code Authorization: Aleph-EIP191-V1
 * sig=0x…,payload=<hex>}, the payload a compact sorted-key JSON of method, path, body hash and time). Its key is
 * kept in a file of its own (hex, readable by the node's user only), made on first start: CRNs list the address it
 * prints as an allocation signer.
 */
final class AllocationSigner {

    private static final ObjectMapper JSON = new ObjectMapper().configure(
            SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final ECKeyPair key;

    private AllocationSigner(ECKeyPair key) {
        this.key = key;
    }

    /** The key in {@code file}, made there first if it does not exist. */
    static AllocationSigner fromFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            ECKeyPair fresh;
            try {
                fresh = Keys.createEcKeyPair();
            } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
                throw new IOException("cannot make a secp256k1 key", e);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "scheduler", ".key",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, fresh.getPrivateKey().toString(16));
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        String hex = Files.readString(file).strip();
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        try {
            return new AllocationSigner(ECKeyPair.create(new BigInteger(hex, 16)));
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold a hex secp256k1 private key", e);
        }
    }

    /** The address CRNs must list in {@code crn-supervisor.allocation-signers}. */
    String address() {
        return Keys.toChecksumAddress(Keys.getAddress(key));
    }

    String authorization(String method, String path, byte[] body, long iat) {
        Map<String, Object> payload = new TreeMap<>();
        payload.put("method", method);
        payload.put("path", path);
        payload.put("body_sha256", Sha256.hex(body));
        payload.put("iat", iat);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the allocation payload", e);
        }
        Sign.SignatureData signature = Sign.signPrefixedMessage(bytes, key);
        HexFormat hex = HexFormat.of();
        return "Aleph-EIP191-V1 sig=0x" + hex.formatHex(signature.getR()) + hex.formatHex(signature.getS())
                + hex.formatHex(signature.getV()) + ",payload=" + hex.formatHex(bytes);
    }


    @Override
    public String toString() {
        return "AllocationSigner[" + address() + "]";
    }
}
