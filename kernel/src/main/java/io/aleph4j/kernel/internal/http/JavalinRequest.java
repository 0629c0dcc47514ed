package io.aleph4j.kernel.internal.http;

import io.aleph4j.api.http.HttpMethod;
import io.aleph4j.api.http.HttpRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plugin-api view of a Javalin request. */
record JavalinRequest(Context context, HttpMethod method) implements HttpRequest {

    @Override
    public String path() {
        return context.path();
    }

    @Override
    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(context.pathParamMap().get(name));
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(context.queryParam(name));
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return context.queryParamMap();
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(context.header(name));
    }

    @Override
    public byte[] body() {
        return context.bodyAsBytes();
    }

    @Override
    public InputStream bodyStream() throws IOException {
        return context.req().getInputStream();
    }
}
