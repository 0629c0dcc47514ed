package io.aleph4j.api.http;

/** The HTTP methods a route can answer. */
public enum HttpMethod {
    GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS
}
