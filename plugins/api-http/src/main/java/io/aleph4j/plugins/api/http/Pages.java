package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;

/** The reference's page-mode pagination: {@code page}, {@code pagination}, {@code sortOrder}. */
final class Pages {

    private Pages() {
    }

    /**
     * {@code pagination=0} is every result on one page (the page number then has no effect), as on the reference.
     *
     * @param pathPage the {@code {page}} of a {@code .../page/{page}.json} route, which wins over the parameter
     * @param maxSize  the operator's cap on a page ({@code max-page-size}), 0 for none: a larger {@code pagination}
     *                 is a 422, and {@code pagination=0} is at most that many results
     */
    static PageRequest request(Query query, String pathPage, int defaultSize, int maxSize) {
        int page = query.integer("page", 1, 1, Integer.MAX_VALUE);
        if (pathPage != null) {
            try {
                page = Integer.parseInt(pathPage);
            } catch (NumberFormatException e) {
                throw new HttpProblem(400, "Invalid page value in path: " + Query.shorten(pathPage));
            }
            if (page < 1) {
                throw new HttpProblem(422, "Page number must be greater than 1.");
            }
        }
        int size = query.integer("pagination", defaultSize, 0, maxSize == 0 ? Integer.MAX_VALUE : maxSize);
        if (size == 0) {
            size = maxSize;
        }
        return new PageRequest(page, size, sortOrder(query, "sortOrder"));
    }

    /** The reference's sort order parameter under {@code name}: -1 (the default) newest first, 1 oldest first. */
    static SortOrder sortOrder(Query query, String name) {
        return sortOrder(query, name, 422);
    }

    /** As {@link #sortOrder(Query, String)}, refusing a bad value with {@code status} (the routes differ). */
    static SortOrder sortOrder(Query query, String name, int status) {
        String order = query.string(name);
        return switch (order == null ? "-1" : order.strip()) {
            case "-1" -> SortOrder.DESCENDING;
            case "1" -> SortOrder.ASCENDING;
            default -> throw new HttpProblem(status, query.label(name) + ": '" + Query.shorten(order)
                    + "' is not -1 or 1");
        };
    }

    static void describe(ObjectNode body, Page<?> page, String item) {
        body.put("pagination_page", page.request().page());
        body.put("pagination_total", page.total());
        body.put("pagination_per_page", page.request().perPage());
        body.put("pagination_item", item);
    }
}
