package io.aleph4j.api.state;

import java.util.List;

/**
 * One page of results.
 *
 * @param total how many results match in all pages
 */
public record Page<T>(List<T> items, long total, PageRequest request) {

    public Page {
        items = List.copyOf(items);
        if (total < items.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the page's " + items.size());
        }
    }
}
