package io.aleph4j.api.http;

/**
 * What a handler answers: a complete {@link HttpResponse}, or a {@link StreamedResponse} whose body is copied from
 * a source as it is sent (files, downloads), never held in memory whole.
 */
public sealed interface HttpAnswer permits HttpResponse, StreamedResponse {

    int status();
}
