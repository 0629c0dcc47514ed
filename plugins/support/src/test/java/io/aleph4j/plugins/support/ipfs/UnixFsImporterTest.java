package io.aleph4j.plugins.support.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.plugins.support.ipfs.UnixFsImporter.Layout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnixFsImporterTest {

    @Test
    void smallFilesGetTheCidsKuboGivesThem() {
        assertThat(cid("", Layout.CID_V0)).isEqualTo("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        assertThat(cid("hello world", Layout.CID_V0)).isEqualTo("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD");
        assertThat(cid("hello world\n", Layout.CID_V0)).isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
    }

    private static String cid(String text, Layout layout) {
        return UnixFsImporter.cidOf(text.getBytes(StandardCharsets.UTF_8), layout).toString();
    }
}
