package io.aleph4j.api.chain;

import java.util.Objects;

/** The answer of a signature verification: valid, or invalid with a sentence saying why. */
public sealed interface SignatureCheck {

    record Valid() implements SignatureCheck {
    }

    record Invalid(String problem) implements SignatureCheck {
        public Invalid {
            Objects.requireNonNull(problem, "problem");
        }
    }

    static SignatureCheck valid() {
        return new Valid();
    }

    static SignatureCheck invalid(String problem) {
        return new Invalid(problem);
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
