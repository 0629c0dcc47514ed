package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmRequest;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.Request;

/**
 * A forwarded request's body, framed as the client framed it: with its {@code Content-Length} when it had one (many
 * programs' HTTP servers cannot read a chunked request body), chunked when it came chunked, and none when it had
 * neither (RFC 9112 6.3: such a request has no body). The content type is the client's, never a default.
 */
final class RequestBody extends InputStreamRequestContent {

    private final long length;
    private final String contentType;

    private RequestBody(InputStream body, long length, String contentType) {
        super(body);
        this.length = length;
        this.contentType = contentType;
    }

    static Optional<Request.Content> of(VmRequest request) {
        String contentLength = null;
        String contentType = null;
        boolean chunked = false;
        for (VmHeader header : request.headers()) {
            switch (header.name().toLowerCase(Locale.ROOT)) {
                case "content-length" -> contentLength = header.value().trim();
                case "content-type" -> contentType = header.value();
                case "transfer-encoding" -> chunked = true;
                default -> { }
            }
        }
        if (chunked) {
            return Optional.of(new RequestBody(request.body(), -1, contentType));
        }
        long length = parseLength(contentLength);
        return length > 0 ? Optional.of(new RequestBody(request.body(), length, contentType)) : Optional.empty();
    }

    /** The declared length, 0 when there is none; the supervisor's server has refused a malformed one already. */
    private static long parseLength(String contentLength) {
        if (contentLength == null || contentLength.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(contentLength));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public String getContentType() {
        return contentType;
    }
}
