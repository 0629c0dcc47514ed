package io.aleph4j.kernel.internal.network;

/**
 * Where catch-up from one peer stands, as a position in the peer's {@code messages.json} sorted by time, oldest
 * first: the query's {@code startDate}, the page to read next, and the newest message time seen so far.
 *
 * <p>Pages move the cursor forward by time, not by page number, so that a long catch-up reads each page with a small
 * offset; only messages that all share one time are paged through. Once a page comes back short the node has all
 * the peer listed: the next round starts {@code overlap} before the newest time seen, because messages reach a peer
 * with some delay and are listed by the time their sender wrote, which can be a little before what was listed
 * already.
 *
 * @param start     the {@code startDate} of the query being paged (seconds since the epoch; inclusive)
 * @param page      the page of that query to read next, from 1
 * @param highWater the newest message time read from this peer
 */
record CatchUpCursor(double start, int page, double highWater) {

    /** Where a peer never read before starts: at its oldest message. */
    static final CatchUpCursor BEGINNING = new CatchUpCursor(0, 1, 0);

    CatchUpCursor {
        if (page < 1) {
            throw new IllegalArgumentException("page " + page + " is before the first");
        }
    }

    /**
     * The cursor after reading the page this one points at.
     *
     * @param read      how many messages the page held
     * @param pageSize  how many it could hold
     * @param lastTime  the time of its last (newest) message; ignored when it held none
     * @param newest    the newest time on the page; ignored when it held none
     * @param overlap   seconds re-read before the newest time seen once caught up
     */
    CatchUpCursor after(int read, int pageSize, double lastTime, double newest, double overlap) {
        double seen = read == 0 ? highWater : Math.max(highWater, newest);
        if (read < pageSize) {
            return new CatchUpCursor(Math.max(0, seen - overlap), 1, seen);
        }
        if (lastTime > start) {
            return new CatchUpCursor(lastTime, 1, seen);
        }
        return new CatchUpCursor(start, page + 1, seen);
    }
}
