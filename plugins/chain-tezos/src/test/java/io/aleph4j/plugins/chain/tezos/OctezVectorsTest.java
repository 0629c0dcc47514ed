package io.aleph4j.plugins.chain.tezos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.plugins.support.ed25519.Ed25519Choice;
import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keys, addresses and signatures made by octez-client, as published in Octez's SDK bindings tests
 * ({@code tezos/tezos-mirror}, {@code contrib/sdk-bindings/rust/src/keys.rs}): real Tezos signatures of all three
 * kinds, over {@code forge_message("a")}, the Micheline packing of the string "a". The Ed25519 ones on both
 * implementations.
 */
final class OctezVectorsTest {

    private static final List<Ed25519Verifier> ED25519 = List.of(Ed25519Choice.AWS_LC.verifier("test"),
            Ed25519Choice.BOUNCYCASTLE.verifier("test"));

    /** 0x05 (packed data), 0x01 (string), 4-byte big-endian length 1, "a". */
    private static final byte[] FORGED_A = {0x05, 0x01, 0x00, 0x00, 0x00, 0x01, 'a'};
    private static final byte[] FORGED_B = {0x05, 0x01, 0x00, 0x00, 0x00, 0x01, 'b'};

    private record Signed(String publicKey, String signature) {
    }

    @Test
    void publicKeysHashToTheAddressesOctezGives() {
        Map<String, String> addresses = Map.of(
                "edpkuyqQ99dcn3eGYPkuhj7Tm4pmXH1EiEKSitb451JoTt4a4hr8dP", "tz1XFq85mnnXhyhzpNEpxFvrkcuNtFBsSsVu",
                "edpkvRy8feM9jRQaPNgtQYURAjWj3qrJtXkXp6hwfkDTtXDcfB2i5F", "tz1SUWNMC3hUdBRzzrbTbiuGPH1KFVifTQw7",
                "sppk7aBZCsBJTTDTV1Lwo4eZBnqmSTSnChYF1GxHUsgeWumUCHcZyxv", "tz2RcdU4n2PvJHUNYkS8FPuvcnFmBqEccxb4",
                "sppk7anmrSFCPfSKbm6GsARo1JRpethThozcxipErX4QtT8CBDojnaJ", "tz2PbzLDYrPAZS38BteBY7gqtnZfsTqHF2xu",
                "p2pk68MV9UsLUvtAyWjSZne2VpxFxhur9a8fUXUPY2RFkzixXDmnY5G", "tz3S6P2LccJNrejt27KvJRb3BcuS5vGghkP8",
                "p2pk66FyiYn3WDkJ5DEQptvaPy3gBEXGr7TTMFh94pZ5p3KALfzamqi", "tz3hqqamVC1G22LACFoMgcJeFKZgoGMFSfSn");

        addresses.forEach((publicKey, address) ->
                assertThat(TezosPublicKey.decode(publicKey, ED25519.get(0)).address()).as(publicKey)
                        .isEqualTo(address));
    }

    @Test
    void octezSignaturesOfEveryKindVerify() {
        List<Signed> signed = List.of(
                new Signed("edpkuyqQ99dcn3eGYPkuhj7Tm4pmXH1EiEKSitb451JoTt4a4hr8dP",
                        "edsigtmnB915emZPLVrk7oyuRtZXrYhc2ychu5e7kHHSd7LUmiCReV5C16HCNXxt6hnnWxSKQmHFvuNZzUm5K1BKWBM2vejS4T1"),
                new Signed("edpkvRy8feM9jRQaPNgtQYURAjWj3qrJtXkXp6hwfkDTtXDcfB2i5F",
                        "edsigtxuEw21vZaZYaamHwkdCb2XXVAG45hmaHE6QjEMGdNst3WJ1UYFK5R1HY7UtBJ7ZuU1ud52LPE7YPWPYSNbRDBArr39oAv"),
                new Signed("sppk7aBZCsBJTTDTV1Lwo4eZBnqmSTSnChYF1GxHUsgeWumUCHcZyxv",
                        "spsig1VhaJFmN7HW4vHUHmHKu8AjVRCzYfmRNf83caYz6EYqH4PDkaNbh5hofmEoejZmpj2cw7w9iZYDiibgRRKcWzWzrW7GA1E"),
                new Signed("sppk7anmrSFCPfSKbm6GsARo1JRpethThozcxipErX4QtT8CBDojnaJ",
                        "spsig1DBG3ZMB5a7rwKMD4bXsxt7mD6QndfvZ6xATBAgdbajrnbohonsqYzLVQFWescq2JFF9PztcUbDaKeX89nxcXR7EYrHedF"),
                new Signed("p2pk68MV9UsLUvtAyWjSZne2VpxFxhur9a8fUXUPY2RFkzixXDmnY5G",
                        "p2sigU4yPcGNuYzkTVGy7VTyFSbGBAnVWBQrnkfrUEgTSuuM7mSUoaggwUxCqE9gnnaatnahJosNpAUwKUVBbiWwZhkbgBXncD"),
                new Signed("p2pk66FyiYn3WDkJ5DEQptvaPy3gBEXGr7TTMFh94pZ5p3KALfzamqi",
                        "p2sigrpjz56TPL47L8mxcpdE9UpK2wZxuP2ZwkqezDXDNCMdLK4TGd9gTvbe2a9M9mj5nMWV7ZwxmwYe9S4mNc8JYRwNag39cB"),
                // Generic sig... signatures, one per kind.
                new Signed("edpktvpansLmKrvHCS1aWkFHS6gJdSd5haH1Z74MJFAAeNDSuSgHBH",
                        "sigWrzQCbre6B7VLP4kGntoQGrEBLLvc8cFPySNiDj5m2cTd4DfJG2feBLhgyjtHcTiLenwrActDgp9y6pxp3MS5m5sqVCY2"),
                new Signed("sppk7bo7kcRyjajZaAqEfqdtCNx3wgizhJPFqaEuisncbDFMgn6v4iP",
                        "sigaeDzBgzkdvQRhYV2YUFpzYGE19bRe62YdZnnodZMDSXD9P97jBro2v8W2o8a1wRxfJEWJpLEbv2W1TM8jKqBdFCCuKcDp"),
                new Signed("p2pk66iANdYfcK2wd3rvvPACnHSHjN3PDFSjCkTmGY54rayykNs9Mdd",
                        "sigTCLMigPjVA1ogWQP16sp6DpcAb3Wf4wkxUWDBHUa8wuixro5AVQLkWCGtBH91iYdcDLwPqW2yFs2XppXfBdbCSdbD3v9f"));

        for (Ed25519Verifier ed25519 : ED25519) {
            for (Signed vector : signed) {
                TezosPublicKey key = TezosPublicKey.decode(vector.publicKey(), ed25519);
                byte[] signature = key.kind().decodeSignature(vector.signature());
                assertThat(key.verifies(signature, Blake2b.digest256(FORGED_A))).as(vector.signature()).isTrue();
                assertThat(key.verifies(signature, Blake2b.digest256(FORGED_B))).as(vector.signature()).isFalse();
            }
        }
    }

    @Test
    void anEd25519SignatureByAnotherKeyDoesNotVerify() {
        for (Ed25519Verifier ed25519 : ED25519) {
            TezosPublicKey key = TezosPublicKey.decode("edpkvRy8feM9jRQaPNgtQYURAjWj3qrJtXkXp6hwfkDTtXDcfB2i5F",
                    ed25519);
            byte[] otherKeysSignature = key.kind().decodeSignature(
                    "edsigtggTXFpkv2N9YXNMtJe5khZN11RGuF1Cd5jB74Di673ZmSzpACB7khRFkHbXyknp9t8QsMwyiqeatm92cxPKd8qBno25fx");

            assertThat(key.verifies(otherKeysSignature, Blake2b.digest256(FORGED_A))).isFalse();
        }
    }

    @Test
    void aSignatureOfAnotherCurveIsRefusedBeforeAnyCryptography() {
        TezosPublicKey key = TezosPublicKey.decode("edpkvRy8feM9jRQaPNgtQYURAjWj3qrJtXkXp6hwfkDTtXDcfB2i5F",
                ED25519.get(1));

        assertThatThrownBy(() -> key.kind().decodeSignature(
                        "spsig1DBG3ZMB5a7rwKMD4bXsxt7mD6QndfvZ6xATBAgdbajrnbohonsqYzLVQFWescq2JFF9PztcUbDaKeX89nxcXR7EYrHedF"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signature 'spsig1DBG3ZMB5a7rwKMD4bX...' is neither an edsig nor a generic sig "
                        + "signature, as the edpk key needs");
    }
}
