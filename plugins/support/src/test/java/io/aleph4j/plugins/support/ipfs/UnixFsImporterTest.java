package io.aleph4j.plugins.support.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.plugins.support.ipfs.UnixFsImporter.Layout;
import io.aleph4j.testkit.TestContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CIDs an IPFS implementation computed for the same bytes: the js-ipfs 0.66 daemon's {@code /api/v0/add} (with
 * {@code cid-version=0}, and {@code cid-version=1} which implies raw leaves), cross-checked with
 * {@code ipfs-unixfs-importer} set to kubo's defaults. The pattern inputs are the testkit's {@link TestContent};
 * 45,613,056 bytes is exactly 174 chunks (one full level), one byte more needs a second level. The Debian
 * {@code ipfs-cid} tool (an independent Rust implementation) gives the same CIDv0s.
 */
class UnixFsImporterTest {

    @Test
    void smallTextFilesGetTheCidsAnIpfsNodeGivesThem() {
        assertThat(cid("", Layout.CID_V0)).isEqualTo("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        assertThat(cid("", Layout.CID_V1)).isEqualTo("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
        assertThat(cid("hello world", Layout.CID_V0)).isEqualTo("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD");
        assertThat(cid("hello world", Layout.CID_V1))
                .isEqualTo("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
        assertThat(cid("hello world\n", Layout.CID_V0)).isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        assertThat(cid("hello world\n", Layout.CID_V1))
                .isEqualTo("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({
        "262144, QmNjsPT1urL55WXngMVgvZrn2apSux229uFBoAgmKTtjAd, bafkreieiuj5mzeuqor24l4lmo2yumm6665yv4gq7ozzp2nrfmqrjyboosy",
        "262145, QmP8yTqWQcb3qVoBcdE4pTUzxh9kazndg5ELrbXBmdj17M, bafybeich6cqd6yabw3cku6edwmz4rvwe275nx2l6ootvc2bpbt5bdvarua",
        "1000000, QmNRNohXUXM37EGaUkjhiyVh8awvTLLnh6hebFj6ydQUa7, bafybeiclwhwdl4p5zj7tkk4w4xwcnphz76aibkikjcfmx7cecdfjdtlstq",
        "45613056, QmRB34vbxhA7iAUc12cVtYAyfBoQsUR7vqUvBfNKVTcYSC, bafybeiafkae3md3zfgdgpk2ztpkul5dzotu4bgbnvuinadceqrqa2rz7bi",
        "45613057, QmPq9MH6i6cgAMc9uYJe8xYeVstRr2D2mSpLVDYbYMLPta, bafybeibo5yjphmmdq6aigqtgrijost25l5lmv5l37von7hrjv7sagnx4sy",
        "52428800, QmRnrKJHGFb4DjD79536v3M8a7Nv6bdkcP1Ne5mP6SKztp, bafybeihrc2n4xzrrxd7gg4jcsfir72tgm4leoqzbnrxliveqm4guth3fra",
    })
    void patternFilesGetTheCidsAnIpfsNodeGivesThem(long size, String cidV0, String cidV1) throws IOException {
        assertThat(pattern(size, Layout.CID_V0)).isEqualTo(cidV0);
        assertThat(pattern(size, Layout.CID_V1)).isEqualTo(cidV1);
    }

    /**
     * CIDs kubo's own test suite asserts for {@code ipfs add} of ChaCha20 keystream data (its random reader: key =
     * sha256 of the seed, zero nonce, counter 0): 174 chunks fill one level, 175 need a second.
     */
    @ParameterizedTest(name = "kubo: {1} bytes of seed {0}")
    @CsvSource({
        "v0-seed, 45613056, QmUbBALi174SnogsUzLpYbD4xPiBSFANF4iztWCsHbMKh2",
        "v0-seed, 45875200, QmepeWtdmS1hHXx1oZXsPUv6bMrfRRKfZcoPPU4eEfjnbf",
    })
    void kubosOwnVectorsForItsDefaultImportHold(String seed, long size, String cid) throws Exception {
        javax.crypto.Cipher chacha = javax.crypto.Cipher.getInstance("ChaCha20");
        chacha.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(
                java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)),
                "ChaCha20"), new javax.crypto.spec.ChaCha20ParameterSpec(new byte[12], 0));
        UnixFsImporter importer = new UnixFsImporter(Layout.CID_V0);
        byte[] zeros = new byte[1 << 20];
        for (long written = 0; written < size; written += zeros.length) {
            byte[] stream = chacha.update(zeros, 0, (int) Math.min(zeros.length, size - written));
            importer.write(stream, 0, stream.length);
        }
        assertThat(importer.finish().toString()).isEqualTo(cid);
    }

    @Test
    void theCidDoesNotDependOnHowTheBytesAreWritten() {
        byte[] bytes = TestContent.patternBytes(600_000);
        UnixFsImporter oddWrites = new UnixFsImporter(Layout.CID_V0);
        for (int offset = 0; offset < bytes.length; offset += 7_777) {
            oddWrites.write(bytes, offset, Math.min(7_777, bytes.length - offset));
        }
        assertThat(oddWrites.finish()).isEqualTo(UnixFsImporter.cidOf(bytes, Layout.CID_V0));
    }

    private static String cid(String text, Layout layout) {
        return UnixFsImporter.cidOf(text.getBytes(StandardCharsets.UTF_8), layout).toString();
    }

    private static String pattern(long size, Layout layout) throws IOException {
        UnixFsImporter importer = new UnixFsImporter(layout);
        TestContent.pattern(size).transferTo(importer);
        return importer.finish().toString();
    }
}
