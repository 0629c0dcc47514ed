package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/** Test keys of the three Tezos kinds, signing with BouncyCastle the way Tezos wallets do. */
record TezosKeys(KeyKind kind, byte[] publicKey, Signer signer) {

    interface Signer {
        byte[] sign(byte[] digest);
    }

    static TezosKeys ed25519(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed, 0);
        return new TezosKeys(KeyKind.ED25519, key.generatePublicKey().getEncoded(), digest -> {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(digest, 0, digest.length);
            return signer.generateSignature();
        });
    }

    static TezosKeys secp256k1(long secret) {
        return ecdsa(KeyKind.SECP256K1, "secp256k1", secret);
    }

    static TezosKeys p256(long secret) {
        return ecdsa(KeyKind.P256, "secp256r1", secret);
    }

    private static TezosKeys ecdsa(KeyKind kind, String curveName, long secret) {
        X9ECParameters curve = CustomNamedCurves.getByName(curveName);
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        BigInteger d = BigInteger.valueOf(secret).multiply(BigInteger.valueOf(1_000_003)).add(BigInteger.TEN.pow(40));
        byte[] publicKey = domain.getG().multiply(d).normalize().getEncoded(true);
        return new TezosKeys(kind, publicKey, digest -> {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, new ECPrivateKeyParameters(d, domain));
            BigInteger[] rs = signer.generateSignature(digest);
            BigInteger s = rs[1].compareTo(domain.getN().shiftRight(1)) > 0 ? domain.getN().subtract(rs[1]) : rs[1];
            byte[] out = new byte[64];
            System.arraycopy(unsigned32(rs[0]), 0, out, 0, 32);
            System.arraycopy(unsigned32(s), 0, out, 32, 32);
            return out;
        });
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    String address() {
        return kind.address(publicKey);
    }

    String publicKeyText() {
        return Base58Check.encode(kind.publicKeyPrefix, publicKey);
    }

    /** The signature text over blake2b-256 of {@code signedBytes}, with the curve's prefix or the generic one. */
    String signatureText(byte[] signedBytes, boolean generic) {
        byte[] signature = signer.sign(Blake2b.digest(signedBytes, 32));
        return generic ? Base58Check.encode(KeyKind.GENERIC_SIGNATURE_PREFIX, signature)
                : Base58Check.encode(kind.signaturePrefix, signature);
    }

    /** A message naming {@code sender}, signed by this key in the given mode. */
    Message sign(String sender, MessageType type, String content, String signingType, String dAppUrl,
                 boolean millisecondsReading, boolean generic) {
        double time = 1795485266.245;
        ItemHash hash = ItemHash.sha256Of(content);
        Message unsigned = new Message(Chain.TEZOS, sender, type, "TEST", time, ItemType.INLINE, content, hash, "");
        byte[] signed = signingType.equals("raw") ? unsigned.verificationBuffer()
                : MichelinePayload.of(unsigned.verificationBuffer(), millisecondsReading
                        ? MichelinePayload.millisecondsReading(time) : MichelinePayload.secondsReading(time),
                        dAppUrl == null ? TezosBridge.DEFAULT_DAPP_URL : dAppUrl);
        String json = "{\"signature\":\"" + signatureText(signed, generic) + "\",\"publicKey\":\"" + publicKeyText()
                + "\",\"signingType\":\"" + signingType + "\""
                + (dAppUrl == null ? "" : ",\"dAppUrl\":\"" + dAppUrl + "\"") + "}";
        return new Message(Chain.TEZOS, sender, type, "TEST", time, ItemType.INLINE, content, hash, json);
    }
}
