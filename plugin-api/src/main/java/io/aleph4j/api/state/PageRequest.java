package io.aleph4j.api.state;

import java.util.Objects;

/**
 * Which page of results to return.
 *
 * @param page    the page number, from 1
 * @param perPage results per page; 0 means all results on one page
 */
public record PageRequest(int page, int perPage, SortOrder order) {

    public PageRequest {
        Objects.requireNonNull(order, "order");
        if (page < 1) {
            throw new IllegalArgumentException("page numbers start at 1, not " + page);
        }
        if (perPage < 0) {
            throw new IllegalArgumentException("perPage must be >= 0, not " + perPage);
        }
    }

    public static PageRequest first(int perPage, SortOrder order) {
        return new PageRequest(1, perPage, order);
    }

    /** Every result, oldest first. */
    public static PageRequest all() {
        return new PageRequest(1, 0, SortOrder.ASCENDING);
    }

    /** How many results to skip. */
    public long offset() {
        return perPage == 0 ? 0 : (long) (page - 1) * perPage;
    }
}
