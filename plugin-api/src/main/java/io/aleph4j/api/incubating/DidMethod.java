package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import io.aleph4j.api.message.JsonText;
import java.util.Optional;

/** Resolves DIDs of one method ({@code did:pkh}, {@code did:key}...) to DID documents. */
@Experimental("shaped by the DID work")
public interface DidMethod extends Extension {

    /** The method name: the part after {@code did:}, e.g. {@code pkh}. */
    String method();

    /** The DID document, or empty when the DID does not resolve. */
    Optional<JsonText> resolve(String did) throws Exception;
}
