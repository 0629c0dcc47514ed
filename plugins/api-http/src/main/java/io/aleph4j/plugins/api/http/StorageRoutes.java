package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.content.ContentMismatchException;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.content.ContentTooLargeException;
import io.aleph4j.api.content.CorruptContentException;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.http.HttpAnswer;
import io.aleph4j.api.http.HttpMethod;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.http.StreamedResponse;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateQueries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The storage routes of the reference node: uploads ({@code storage/add_json}, {@code storage/add_file},
 * {@code ipfs/add_json}, {@code ipfs/add_file}, with or without a signed STORE message) and downloads
 * ({@code storage/raw/{hash}} streamed with byte ranges, {@code storage/{hash}} as base64 JSON,
 * {@code storage/count/{hash}}, descriptions), all through the kernel's content service, which decides which store
 * takes an upload and where content is looked up (and fetched from when no store has it). Files stream from the request into the store and from the store into the response: no route holds
 * a file in memory, except the base64 one, which is bounded by the unauthenticated upload limit.
 */
final class StorageRoutes {

    private static final int MAX_METADATA_BYTES = 1024 * 1024;

    private final MessageIntake intake;
    private final StateQueries state;
    private final ContentService content;
    private final ApiSettings settings;
    private final StorageLimits limits;

    StorageRoutes(MessageIntake intake, StateQueries state, ContentService content, ApiSettings settings,
                  StorageLimits limits) {
        this.intake = intake;
        this.state = state;
        this.content = content;
        this.settings = settings;
        this.limits = limits;
    }

    void addTo(HttpRouter router) {
        router.post("/api/v0/storage/add_json", request -> addJson(request, ItemType.STORAGE));
        router.post("/api/v0/ipfs/add_json", request -> addJson(request, ItemType.IPFS));
        router.post("/api/v0/storage/add_file", request -> addFile(request, ItemType.STORAGE));
        router.post("/api/v0/ipfs/add_file", request -> addFile(request, ItemType.IPFS));
        router.get("/api/v0/storage/raw/{hash}", this::raw);
        router.route(HttpMethod.HEAD, "/api/v0/storage/raw/{hash}", this::raw);
        router.get("/api/v0/storage/count/{hash}", this::count);
        router.get("/api/v0/storage/metadata/{hash}", this::metadata);
        router.get("/api/v0/storage/by-message-hash/{hash}", this::byMessageHash);
        router.get("/api/v0/storage/by-ref/{ref}", request -> byRef(null, request.pathParameter("ref").orElse("")));
        router.get("/api/v0/storage/by-ref/{address}/{ref}", request -> byRef(
                request.pathParameter("address").orElse(""), request.pathParameter("ref").orElse("")));
        router.get("/api/v0/storage/limits.json", this::limits);
        router.get("/api/v0/storage/{hash}", this::base64);
    }

    /** Any JSON value, stored as its compact, key-sorted serialization (what the reference hashes). */
    private HttpResponse addJson(HttpRequest request, ItemType addressing) throws IOException {
        JsonNode value;
        try {
            value = Json.MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new HttpProblem(422, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (value == null || value.isMissingNode()) {
            throw new HttpProblem(422, "the body is empty; send the JSON value to store");
        }
        byte[] bytes = Json.sorted(value).getBytes(StandardCharsets.UTF_8);
        ItemHash hash = put(new ByteArrayInputStream(bytes), addressing, limits.unauthenticatedBytes(), null);
        ObjectNode answer = Json.object();
        answer.put("status", "success");
        answer.put("hash", hash.value());
        return Json.response(200, answer);
    }

    private HttpResponse addFile(HttpRequest request, ItemType addressing) throws Exception {
        Optional<String> boundary = request.header("Content-Type").flatMap(MultipartReader::boundaryOf);
        Upload upload;
        if (boundary.isEmpty()) {
            if (addressing == ItemType.IPFS) {
                throw new HttpProblem(400, "Expected Content-Type: multipart/form-data");
            }
            try (InputStream body = new RequestBody(request.bodyStream())) {
                upload = new Upload(put(body, addressing, limits.unauthenticatedBytes(), null), null, "file");
            }
        } else {
            upload = readMultipart(request, boundary.get(), addressing);
        }
        ObjectNode answer = Json.object();
        answer.put("status", "success");
        answer.put("hash", upload.hash().value());
        if (addressing == ItemType.IPFS) {
            answer.put("name", upload.fileName());
            answer.put("size", size(upload.hash()));
        }
        if (upload.store() == null) {
            return Json.response(200, answer);
        }
        return Json.response(MessageRoutes.httpStatus(publish(upload.store())), answer);
    }

    private record Upload(ItemHash hash, StoreUpload store, String fileName) {
    }

    /** The STORE message of an upload, checked as far as it can be before its file arrives. */
    private record StoreUpload(JsonNode message, ItemHash fileHash, boolean sync) {
    }

    /**
     * Parts in order. A file that comes after a valid STORE message is taken up to the large limit and kept only
     * if it hashes to the message's {@code item_hash} (the store keeps nothing otherwise); a file without one
     * (yet) is taken up to the unauthenticated limit only.
     */
    private Upload readMultipart(HttpRequest request, String boundary, ItemType addressing) throws IOException {
        StoreUpload store = null;
        ItemHash hash = null;
        String fileName = "file";
        try (InputStream body = new RequestBody(request.bodyStream())) {
            MultipartReader reader = new MultipartReader(body, boundary);
            Optional<MultipartReader.Part> part;
            while ((part = reader.next()).isPresent()) {
                switch (part.get().name()) {
                    case "metadata" -> store = storeUpload(metadata(part.get().body()), addressing);
                    case "file" -> {
                        if (hash != null) {
                            throw new HttpProblem(422, "more than one 'file' part; send one file per upload");
                        }
                        hash = store == null ? put(part.get().body(), addressing, limits.unauthenticatedBytes(), null)
                                : put(part.get().body(), addressing, limits.fileBytes(addressing), store.fileHash());
                        fileName = part.get().fileName().orElse("file");
                    }
                    default -> {
                        // Other fields are ignored, as on the reference.
                    }
                }
            }
        } catch (MultipartReader.MalformedMultipart e) {
            throw new HttpProblem(400, "Invalid multipart structure: " + e.getMessage());
        }
        if (hash == null) {
            throw new HttpProblem(addressing == ItemType.IPFS ? 422 : 400, addressing == ItemType.IPFS
                    ? "Missing 'file' in multipart form." : "No file field in multipart request");
        }
        if (store != null && !store.fileHash().equals(hash)) {
            throw new HttpProblem(422, "File hash does not match (" + hash + " != " + store.fileHash() + ")");
        }
        return new Upload(hash, store, fileName);
    }

    private static JsonNode metadata(InputStream part) throws IOException {
        byte[] bytes = part.readNBytes(MAX_METADATA_BYTES + 1);
        if (bytes.length > MAX_METADATA_BYTES) {
            throw new HttpProblem(413, "the metadata part is larger than " + MAX_METADATA_BYTES + " bytes");
        }
        JsonNode metadata;
        try {
            metadata = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new HttpProblem(422, "Could not decode metadata: " + e.getOriginalMessage());
        }
        if (metadata == null || !metadata.isObject() || !metadata.path("message").isObject()) {
            throw new HttpProblem(422, "Could not decode metadata: expected {\"message\": {...}, \"sync\": bool}");
        }
        return metadata;
    }

    /** The checks the reference makes of an upload's STORE message that do not need the file. */
    private static StoreUpload storeUpload(JsonNode metadata, ItemType addressing) {
        JsonNode message = metadata.get("message");
        if (!"STORE".equals(message.path("type").asText())) {
            throw new HttpProblem(422, "Could not decode metadata: the message must be of type STORE");
        }
        if (!"inline".equals(message.path("item_type").asText("inline"))) {
            throw new HttpProblem(422, "Could not decode metadata: the STORE message must be inline");
        }
        String itemContent = message.path("item_content").asText("");
        if (itemContent.isEmpty()) {
            throw new HttpProblem(422, "Store message content needed");
        }
        JsonNode content;
        try {
            content = Json.MAPPER.readTree(itemContent);
        } catch (JsonProcessingException e) {
            throw new HttpProblem(422, "Invalid store message content: " + e.getOriginalMessage());
        }
        ItemHash declared;
        try {
            declared = ItemHash.of(content.path("item_hash").asText(""));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(422, "Invalid store message content: item_hash: " + e.getMessage());
        }
        if (addressing == ItemType.IPFS && !"ipfs".equals(content.path("item_type").asText())) {
            throw new HttpProblem(422, "Expected item_type=ipfs in STORE message, got "
                    + content.path("item_type").asText());
        }
        return new StoreUpload(message, declared, Bodies.bool(metadata.get("sync"), "sync"));
    }

    /** Submits the upload's STORE message as POST /messages does, and waits for its outcome when asked to. */
    private MessageStatus publish(StoreUpload store) throws InterruptedException {
        MessageIntake.Accepted accepted;
        try {
            accepted = intake.submit(Json.MAPPER.writeValueAsString(store.message()), Origin.API);
        } catch (MalformedMessageException e) {
            throw new HttpProblem(422, "InvalidMessageFormat: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not serialize", e);
        }
        if (!store.sync()) {
            return MessageStatus.PENDING;
        }
        return intake.awaitOutcome(accepted, settings.syncTimeout()).map(MessageRecord::status)
                .orElse(MessageStatus.PENDING);
    }

    /** The bytes, streamed; the hash is a strong ETag, content addressing being what it is. */
    private HttpAnswer raw(HttpRequest request) throws IOException {
        StoredContent content = find(fileHash(request, "Invalid hash"));
        return StreamedResponse.ok("application/octet-stream", new StreamedResponse.Source() {
            @Override
            public long length() {
                return content.size();
            }

            @Override
            public InputStream open(long offset) throws IOException {
                return content.open(offset);
            }
        }).withHeader("ETag", "\"" + content.hash().value() + "\"");
    }

    /**
     * The reference's JSON download: base64 as Python's {@code encodebytes} writes it (76-character lines). The
     * whole file is in memory several times over here, so it is served up to the unauthenticated upload limit
     * (25 MiB by default; the reference: 100 MiB); larger files come from {@code storage/raw}.
     */
    private HttpResponse base64(HttpRequest request) throws IOException {
        ItemHash hash = fileHash(request, "Invalid hash provided");
        StoredContent content = find(hash);
        if (content.size() > limits.unauthenticatedBytes()) {
            throw new HttpProblem(413, "the content has " + content.size() + " bytes, more than the "
                    + limits.unauthenticatedBytes() + " served as JSON; use /api/v0/storage/raw/" + hash);
        }
        byte[] bytes;
        try (InputStream in = content.open(0)) {
            bytes = in.readAllBytes();
        }
        String encoded = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes);
        ObjectNode answer = Json.object();
        answer.put("status", "success");
        answer.put("hash", hash.value());
        answer.put("engine", hash.isSha256() ? "storage" : "ipfs");
        answer.put("content", encoded.isEmpty() ? "" : encoded + "\n");
        return Json.response(200, answer);
    }

    private HttpResponse metadata(HttpRequest request) throws IOException {
        ItemHash hash = fileHash(request, "Invalid hash");
        long size = sizeOf(hash).orElseThrow(() -> new HttpProblem(404, "No file found for hash " + hash));
        ObjectNode answer = Json.object();
        answer.put("file_hash", hash.value());
        answer.put("type", "file");
        answer.put("size", size);
        answer.put("download_url", "/api/v0/storage/raw/" + hash);
        return Json.response(200, answer);
    }

    private HttpResponse byMessageHash(HttpRequest request) throws IOException {
        ItemHash message = fileHash(request, "Invalid hash provided");
        FileReference reference = state.fileReference(message)
                .orElseThrow(() -> new HttpProblem(404, "No file found for message " + message));
        return fileDescription(reference, reference.ref() == null ? message.value() : reference.ref());
    }

    /** The reference's file tags: a STORE hash names its latest version; other refs are the owner's names. */
    private HttpResponse byRef(String address, String ref) throws IOException {
        boolean hashRef = isItemHash(ref);
        if (address == null && !hashRef) {
            throw new HttpProblem(400, "address is required for user-defined ref");
        }
        String tag = hashRef ? ref : address + "/" + ref;
        FileReference reference = (hashRef ? state.latestFileReference(null, ref)
                : state.latestFileReference(address, ref))
                .orElseThrow(() -> new HttpProblem(404, "No file found for tag " + Query.shorten(tag)));
        return fileDescription(reference, ref);
    }

    private HttpResponse fileDescription(FileReference reference, String ref) throws IOException {
        ObjectNode answer = Json.object();
        answer.put("ref", ref);
        answer.put("owner", reference.owner());
        answer.put("file_hash", reference.fileHash().value());
        answer.put("download_url", "/api/v0/storage/raw/" + reference.fileHash());
        Optional<Long> size = sizeOf(reference.fileHash());
        if (size.isPresent()) {
            answer.put("size", size.get());
        } else {
            answer.putNull("size");
        }
        return Json.response(200, answer);
    }

    private HttpResponse limits(HttpRequest request) {
        ObjectNode answer = Json.object();
        ObjectNode storage = answer.putObject("storage");
        storage.put("max_file_size", limits.storageFileBytes());
        storage.put("max_unauthenticated_upload_file_size", limits.unauthenticatedBytes());
        ObjectNode ipfs = answer.putObject("ipfs");
        ipfs.put("max_upload_file_size", limits.ipfsFileBytes());
        ipfs.put("max_unauthenticated_upload_file_size", limits.unauthenticatedBytes());
        return Json.response(200, answer);
    }

    private Optional<Long> sizeOf(ItemHash hash) throws IOException {
        return content.size(hash);
    }

    private static boolean isItemHash(String text) {
        try {
            ItemHash.of(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** How many pins keep the content: STORE messages referencing it, and the message it is the content of. */
    private HttpResponse count(HttpRequest request) {
        ItemHash hash = fileHash(request, "Invalid hash");
        long pins = state.fileReferences(hash).size();
        Optional<MessageRecord> message = state.message(hash);
        if (message.isPresent() && (message.get().status() == MessageStatus.PROCESSED
                || message.get().status() == MessageStatus.PENDING)) {
            pins++;
        }
        return HttpResponse.json(200, Long.toString(pins));
    }

    /**
     * Streams an upload into the store. What went wrong reading the request (a client that stopped sending, a
     * broken multipart body) is the client's (400); what went wrong writing it (a full disk, an unreachable IPFS
     * node) is the server's, and leaves as a 500 that names no internals.
     */
    private ItemHash put(InputStream bytes, ItemType addressing, long limit, ItemHash expected) throws IOException {
        if (!content.accepts(addressing)) {
            throw new HttpProblem(503, "no content store of this node takes " + addressing.wireName() + " items");
        }
        try {
            return expected == null ? content.put(bytes, addressing, limit)
                    : content.putExpecting(bytes, addressing, limit, expected);
        } catch (ContentTooLargeException e) {
            throw new HttpProblem(413, "File size exceeds the maximum limit of " + limit + " bytes");
        } catch (ContentMismatchException e) {
            throw new HttpProblem(422, "File hash does not match (" + e.actual() + " != " + e.expected() + ")");
        } catch (MultipartReader.MalformedMultipart e) {
            throw e;
        } catch (RequestBody.Unreadable e) {
            throw new HttpProblem(400, "the upload did not complete: " + e.getMessage());
        }
    }

    private long size(ItemHash hash) throws IOException {
        return sizeOf(hash).orElseThrow(() -> new HttpProblem(404, "Not found"));
    }

    private StoredContent find(ItemHash hash) throws IOException {
        try {
            return content.find(hash).orElseThrow(() -> new HttpProblem(404, "Not found"));
        } catch (CorruptContentException e) {
            throw new HttpProblem(404, "Not found: " + e.getMessage() + "; it was set aside and is not served");
        }
    }

    private static ItemHash fileHash(HttpRequest request, String problem) {
        String value = request.pathParameter("hash").orElse("");
        try {
            return ItemHash.of(value);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, problem + ": " + Query.shorten(value));
        }
    }
}
