package io.aleph4j.plugins.api.http;

import io.aleph4j.api.http.HttpProblem;

/** {@code sortBy} of messages and posts: the message time, or the time of its first chain confirmation. */
enum SortBy {
    TIME, TX_TIME;

    /** {@code time} (the default) or {@code tx-time}; anything else is a 422. */
    static SortBy of(Query query) {
        String value = query.string("sortBy");
        value = value == null ? null : value.strip();
        if (value == null || value.equals("time")) {
            return TIME;
        }
        if (value.equals("tx-time")) {
            return TX_TIME;
        }
        throw new HttpProblem(422, query.label("sortBy") + ": '" + Query.shorten(value) + "' is not time or tx-time");
    }
}
