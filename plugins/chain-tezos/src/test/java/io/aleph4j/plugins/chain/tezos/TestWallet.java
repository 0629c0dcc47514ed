package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * A Tezos key of one of the three kinds that signs with BouncyCastle as Tezos wallets do (blake2b-256 of the bytes,
 * then Ed25519 or RFC 6979 ECDSA with low s), and builds signed Aleph messages. The signed bytes are built here
 * on their own, the way the TypeScript SDK assembles them (hex text), not with the code under test.
 *
 * @param kind      the key's kind
 * @param publicKey the encoded public key (32 bytes, or a 33-byte compressed point)
 * @param signer    signs a 32-byte digest into 64 bytes
 */
public record TestWallet(KeyKind kind, byte[] publicKey, UnaryOperator<byte[]> signer) {

    /** The time every test message carries, and its two ISO readings, written out rather than computed. */
    static final double TIME = 1795485266.245;
    static final String TIME_AS_SECONDS = "2026-11-24T01:54:26.245Z";
    static final String TIME_AS_MILLISECONDS = "1970-01-21T18:44:45.266Z";

    public static TestWallet ed25519(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed, 0);
        return new TestWallet(KeyKind.ED25519, key.generatePublicKey().getEncoded(), digest -> {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(digest, 0, digest.length);
            return signer.generateSignature();
        });
    }

    public static TestWallet secp256k1(long secret) {
        return ecdsa(KeyKind.SECP256K1, "secp256k1", secret);
    }

    public static TestWallet p256(long secret) {
        return ecdsa(KeyKind.P256, "secp256r1", secret);
    }

    private static TestWallet ecdsa(KeyKind kind, String curveName, long secret) {
        X9ECParameters curve = CustomNamedCurves.getByName(curveName);
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        BigInteger d = BigInteger.valueOf(secret).multiply(BigInteger.valueOf(1_000_003)).add(BigInteger.TEN.pow(40));
        byte[] publicKey = domain.getG().multiply(d).normalize().getEncoded(true);
        return new TestWallet(kind, publicKey, digest -> {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, new ECPrivateKeyParameters(d, domain));
            BigInteger[] rs = signer.generateSignature(digest);
            BigInteger halfOrder = domain.getN().shiftRight(1);
            BigInteger s = rs[1].compareTo(halfOrder) > 0 ? domain.getN().subtract(rs[1]) : rs[1];
            byte[] signature = new byte[64];
            System.arraycopy(unsigned32(rs[0]), 0, signature, 0, 32);
            System.arraycopy(unsigned32(s), 0, signature, 32, 32);
            return signature;
        });
    }

    public String address() {
        return kind.address(publicKey);
    }

    String publicKeyText() {
        return Base58Check.encode(kind.publicKeyPrefix(), publicKey);
    }

    /** The 64-byte signature over blake2b-256 of the bytes. */
    byte[] signBytes(byte[] signedBytes) {
        Blake2bDigest blake2b = new Blake2bDigest(256);
        blake2b.update(signedBytes, 0, signedBytes.length);
        byte[] digest = new byte[32];
        blake2b.doFinal(digest, 0);
        return signer.apply(digest);
    }

    /** The signature text, with this kind's prefix or the generic {@code sig} one. */
    String signatureText(byte[] signedBytes, boolean generic) {
        byte[] signature = signBytes(signedBytes);
        return generic ? Base58Check.encode(KeyKind.GENERIC_SIGNATURE_PREFIX, signature)
                : Base58Check.encode(kind.signaturePrefix(), signature);
    }

    /** An unsigned message naming {@code sender}, at {@link #TIME}. */
    static Message unsigned(String sender, MessageType type, String content) {
        return new Message(Chain.TEZOS, sender, type, "TEST", TIME, ItemType.INLINE, content,
                ItemHash.sha256Of(content), "");
    }

    /** The message signed over its verification buffer; {@code signingType} "raw", or absent when null. */
    public Message signRaw(Message unsigned, String signingType, boolean generic) {
        String signature = signatureText(unsigned.verificationBuffer(), generic);
        return withSignature(unsigned, json(signature, publicKeyText(), signingType, null));
    }

    /**
     * The message signed as a Beacon wallet signs it, naming {@code isoTime} and {@code dAppUrl}; the JSON carries
     * the dAppUrl unless {@code dAppUrlInJson} is false (then the wallet must have used the default aleph.im).
     */
    Message signMicheline(Message unsigned, String isoTime, String dAppUrl, boolean dAppUrlInJson, boolean generic) {
        byte[] signed = michelineBytes(unsigned.verificationBuffer(), isoTime, dAppUrl);
        return withSignature(unsigned, json(signatureText(signed, generic), publicKeyText(), "micheline",
                dAppUrlInJson ? dAppUrl : null));
    }

    /**
     * The bytes a Beacon wallet signs, assembled as the SDK assembles them: {@code "05" + "0100" +} hex of the
     * decimal length of the payload's hex text {@code +} that hex text.
     */
    static byte[] michelineBytes(byte[] buffer, String isoTime, String dAppUrl) {
        HexFormat hex = HexFormat.of();
        String payloadHex = hex.formatHex(("Tezos Signed Message: " + dAppUrl + " " + isoTime + " ")
                .getBytes(StandardCharsets.UTF_8)) + hex.formatHex(buffer);
        String lengthHex = hex.formatHex(String.valueOf(payloadHex.length()).getBytes(StandardCharsets.US_ASCII));
        return hex.parseHex("05" + "0100" + lengthHex + payloadHex);
    }

    static String json(String signature, String publicKey, String signingType, String dAppUrl) {
        return "{\"signature\":\"" + signature + "\",\"publicKey\":\"" + publicKey + "\""
                + (signingType == null ? "" : ",\"signingType\":\"" + signingType + "\"")
                + (dAppUrl == null ? "" : ",\"dAppUrl\":\"" + dAppUrl + "\"") + "}";
    }

    static Message withSignature(Message message, String signature) {
        return new Message(message.chain(), message.sender(), message.type(), message.channel(), message.time(),
                message.itemType(), message.itemContent(), message.itemHash(), signature);
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }
}
