package io.aleph4j.api.content;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import io.aleph4j.api.message.ItemHash;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Somewhere content that no content store holds can be fetched from: other nodes, a gateway. When an item is missing,
 * the kernel's {@link ContentService} asks its sources in plugin start order for their candidates and opens them one
 * after another; it streams what a candidate serves into a local {@link ContentStore}, which checks the bytes against
 * the address as it writes them and keeps them only if they match, and goes on to the next candidate otherwise. A
 * source cannot make the node hold or serve bytes under a hash they do not have, and need not check anything itself.
 */
@Experimental("first implemented by content-peers; the P2P work feeds it the peers it discovers")
public interface ContentSource extends Extension {

    /**
     * Where this source may get {@code hash}, in the order to try them (one per peer, say); empty when nowhere. Cheap:
     * nothing is fetched until the kernel opens a candidate.
     */
    List<Candidate> candidates(ItemHash hash);

    /** One place an item may be fetched from. */
    interface Candidate {

        /** What it is, for logs ({@code peer http://10.0.0.2:4024}). */
        String description();

        /**
         * The item's bytes, or empty when this candidate does not have them. The caller closes the stream. May block
         * (the kernel calls it off the pipeline's applying thread); a candidate bounds its own waiting.
         *
         * @throws IOException when it failed to answer; the next candidate is tried
         */
        Optional<InputStream> open() throws IOException;
    }
}
