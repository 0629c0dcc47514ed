package io.aleph4j.plugins.chain.tezos;

/** User-supplied text quoted into a problem sentence, cut so that a huge field cannot flood the log. */
final class Quoted {

    private static final int MAXIMUM_LENGTH = 24;

    private Quoted() {
    }

    static String abbreviated(String text) {
        return text.length() > MAXIMUM_LENGTH ? "'" + text.substring(0, MAXIMUM_LENGTH) + "...'" : "'" + text + "'";
    }
}
