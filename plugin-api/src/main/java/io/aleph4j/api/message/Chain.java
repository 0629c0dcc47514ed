package io.aleph4j.api.message;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A blockchain a message is signed for, by its protocol code ({@code ETH}, {@code SOL}, {@code TEZOS}...). Open
 * ended on purpose: a chain plugin can serve a chain this API does not name. Whether a node accepts a chain
 * depends on which {@code ChainBridge} serves it.
 */
public record Chain(String code) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    public static final Chain ETH = new Chain("ETH");
    public static final Chain SOL = new Chain("SOL");
    public static final Chain TEZOS = new Chain("TEZOS");
    public static final Chain AVAX = new Chain("AVAX");
    public static final Chain BASE = new Chain("BASE");
    public static final Chain ARB = new Chain("ARB");
    public static final Chain BSC = new Chain("BSC");

    public Chain {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("chain code '" + code + "' is not 1-32 upper-case letters/digits");
        }
    }

    /** The chain for a code; the well-known ones are shared instances, so reading the log allocates less. */
    public static Chain of(String code) {
        return switch (code) {
            case "ETH" -> ETH;
            case "SOL" -> SOL;
            case "TEZOS" -> TEZOS;
            case "AVAX" -> AVAX;
            case "BASE" -> BASE;
            case "ARB" -> ARB;
            case "BSC" -> BSC;
            default -> new Chain(code);
        };
    }

    @Override
    public String toString() {
        return code;
    }
}
