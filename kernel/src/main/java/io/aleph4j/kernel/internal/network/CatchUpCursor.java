package io.aleph4j.kernel.internal.network;

/**
 * Where catch-up from one peer stands, as a position in the peer's {@code messages.json} sorted by time, oldest
 * first: the query's {@code startDate}, the page to read next, and the newest message time seen so far.
 *
 * <p>A round reads a few pages of one query together ({@link #nextPage}); between rounds the query moves forward by
 * time ({@link #movedTo}), not by page number, so that a long catch-up reads each page with a small offset; only
 * messages that all share one time are paged through. Once a page comes back short the node has all the peer
 * listed ({@link #after}): the next round starts {@code overlap} before the newest time seen, because messages reach
 * a peer with some delay and are listed by the time their sender wrote, which can be a little before what was listed
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

    /** The next page of the same query, after a full page whose newest time was {@code newest}. */
    CatchUpCursor nextPage(double newest) {
        return new CatchUpCursor(start, page + 1, Math.max(highWater, newest));
    }

    /**
     * The same position as a new query starting at {@code lastTime}, the time of the last message read, when that is
     * later than this query's start (a small offset for the next pages); this cursor when it is not (every message
     * read shares the start's time, and only page numbers move past them).
     */
    CatchUpCursor movedTo(double lastTime) {
        return lastTime > start ? new CatchUpCursor(lastTime, 1, highWater) : this;
    }
}
