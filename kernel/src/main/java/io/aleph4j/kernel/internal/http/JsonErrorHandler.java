package io.aleph4j.kernel.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.kernel.internal.KernelJson;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests it refuses before any route sees them (a path with {@code %00}, an ambiguous
 * URI...): the node's JSON error, {@code {"error": ...}}, instead of Jetty's HTML page. Never the cause's
 * details: those can be internals.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = KernelJson.MAPPER;

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws JsonProcessingException {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        byte[] body = JSON.writeValueAsBytes(Map.of("error", code >= 500 ? "internal error" : reason));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
