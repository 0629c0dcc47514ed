package io.aleph4j.api.state;

/**
 * What an owner's processed STORE messages add up to.
 *
 * @param files how many file references (a file two STOREs reference counts twice)
 * @param bytes the sum of their sizes
 */
public record FileTotals(long files, long bytes) {

    public static final FileTotals NONE = new FileTotals(0, 0);
}
