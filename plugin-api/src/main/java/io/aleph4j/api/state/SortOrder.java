package io.aleph4j.api.state;

/** The order of query results by message (or post) time; ties are broken by item hash. */
public enum SortOrder {
    ASCENDING,
    DESCENDING
}
