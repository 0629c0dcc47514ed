package io.aleph4j.plugins.vm.wasm;

import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP ABI of a wasm program: CGI (RFC 3875) over WASI, as WAGI runs modules. The request is in the
 * environment ({@code REQUEST_METHOD}, {@code PATH_INFO}, {@code QUERY_STRING}, {@code CONTENT_LENGTH},
 * {@code CONTENT_TYPE}, one {@code HTTP_*} per header) and its body on stdin; the program writes header lines,
 * an empty line and the body on stdout. A {@code Status: 404 Not Found} header sets the status (200 without it,
 * 302 with only a {@code Location}). Any language that compiles to {@code wasm32-wasip1} and reads its environment
 * and stdin can serve HTTP this way, with no SDK.
 */
final class CgiExchange {

    private CgiExchange() {
    }

    /**
     * The program's environment for one request: the message's variables, then the CGI variables (which win, so
     * that a variable named like one cannot mislead the program about the request).
     */
    static Map<String, String> environment(Map<String, String> variables, String itemHash, VmRequest request,
                                           long bodyLength) {
        Map<String, String> env = new LinkedHashMap<>(variables);
        String pathAndQuery = request.pathAndQuery();
        int question = pathAndQuery.indexOf('?');
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PROTOCOL", "HTTP/1.1");
        env.put("SERVER_SOFTWARE", "aleph4j-vm-wasm");
        env.put("REQUEST_METHOD", request.method());
        env.put("SCRIPT_NAME", "");
        env.put("PATH_INFO", question < 0 ? pathAndQuery : pathAndQuery.substring(0, question));
        env.put("QUERY_STRING", question < 0 ? "" : pathAndQuery.substring(question + 1));
        env.put("ALEPH_ITEM_HASH", itemHash);
        if (bodyLength > 0) {
            env.put("CONTENT_LENGTH", Long.toString(bodyLength));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (VmHeader header : request.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (name.equals("content-type")) {
                env.put("CONTENT_TYPE", header.value());
            } else if (!name.equals("content-length")) {
                // RFC 9110 5.3: repeats of a field are one field, their values joined by commas.
                headers.merge("HTTP_" + name.toUpperCase(Locale.ROOT).replace('-', '_'), header.value(),
                        (first, next) -> first + ", " + next);
            }
        }
        env.putAll(headers);
        return env;
    }

    /** The response a program wrote on stdout. */
    static VmResponse response(byte[] output) throws VmException {
        int end = headerEnd(output);
        if (end == -2 || end == -3) {
            // No header at all: an empty line, then the body.
            int bodyStart = -end - 1;
            return new VmResponse(200, List.of(), new ByteArrayInputStream(output, bodyStart,
                    output.length - bodyStart));
        }
        if (end < 0) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program wrote no CGI header block (header "
                    + "lines, then an empty line) on stdout; it wrote " + output.length + " bytes");
        }
        String block = new String(output, 0, end, StandardCharsets.UTF_8);
        int status = 200;
        boolean statusSet = false;
        boolean location = false;
        List<VmHeader> headers = new ArrayList<>();
        for (String line : block.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new VmException(VmException.Kind.NO_RESPONSE, "the program wrote a header line without a "
                        + "name: '" + line + "'");
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = parseStatus(value);
                statusSet = true;
            } else {
                location |= name.equalsIgnoreCase("Location");
                headers.add(new VmHeader(name, value));
            }
        }
        if (!statusSet && location) {
            status = 302;
        }
        int bodyStart = end + (output[end] == '\r' ? 4 : 2);
        return new VmResponse(status, headers,
                new ByteArrayInputStream(output, bodyStart, output.length - bodyStart));
    }

    /** Where the empty line that ends the header block starts (its first line break), or -1. */
    private static int headerEnd(byte[] output) {
        if (output.length > 0 && output[0] == '\n') {
            return -2;
        }
        if (output.length > 1 && output[0] == '\r' && output[1] == '\n') {
            return -3;
        }
        for (int i = 0; i + 1 < output.length; i++) {
            if (output[i] == '\n' && output[i + 1] == '\n') {
                return i;
            }
            if (i + 3 < output.length && output[i] == '\r' && output[i + 1] == '\n' && output[i + 2] == '\r'
                    && output[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int parseStatus(String value) throws VmException {
        String code = value.split(" ", 2)[0];
        try {
            int status = Integer.parseInt(code);
            if (status >= 100 && status <= 599) {
                return status;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new VmException(VmException.Kind.NO_RESPONSE, "the program's Status header '" + value
                + "' does not start with an HTTP status code");
    }
}
