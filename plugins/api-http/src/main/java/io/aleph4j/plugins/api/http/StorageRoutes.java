package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.NodeContext;
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
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.api.storage.ContentTooLargeException;
import io.aleph4j.api.storage.CorruptContentException;
import io.aleph4j.api.storage.FileReference;
import io.aleph4j.api.storage.MessageRecord;
import io.aleph4j.api.storage.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The storage routes of the reference node: uploads ({@code storage/add_json}, {@code storage/add_file},
 * {@code ipfs/add_json}, {@code ipfs/add_file}, with or without a signed STORE message) into the first content
 * store that accepts their addressing, and downloads ({@code storage/raw/{hash}} streamed with byte ranges, {@code storage/{hash}} as base64
 * JSON, {@code storage/count/{hash}}) from the first store that has the content. Files stream from the request
 * into the store and from the store into the response: no route holds a file in memory, except the base64 one,
 * which is bounded by the authenticated file size limit as on the reference.
 */
final class StorageRoutes {

    private static final int MAX_METADATA_BYTES = 1024 * 1024;

    private final NodeContext context;
    private final MessageIntake intake;
    private final State state;
    private final ApiSettings settings;
    private final StorageLimits limits;

    StorageRoutes(NodeContext context, State state, ApiSettings settings, StorageLimits limits) {
        this.context = context;
        this.intake = context.messageIntake();
        this.state = state;
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
        ItemHash hash = put(new ByteArrayInputStream(bytes), addressing, limits.unauthenticatedBytes());
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
            try (InputStream body = request.bodyStream()) {
                upload = new Upload(put(body, addressing, limits.unauthenticatedBytes()), null, "file");
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
        if (upload.metadata() == null) {
            return Json.response(200, answer);
        }
        return Json.response(MessageRoutes.httpStatus(publish(upload.metadata(), upload.hash(), addressing)), answer);
    }

    private record Upload(ItemHash hash, JsonNode metadata, String fileName) {
    }

    private Upload readMultipart(HttpRequest request, String boundary, ItemType addressing) throws IOException {
        JsonNode metadata = null;
        ItemHash hash = null;
        String fileName = "file";
        try (InputStream body = request.bodyStream()) {
            MultipartReader reader = new MultipartReader(body, boundary);
            Optional<MultipartReader.Part> part;
            while ((part = reader.next()).isPresent()) {
                switch (part.get().name()) {
                    case "metadata" -> metadata = metadata(part.get().body());
                    case "file" -> {
                        if (hash != null) {
                            throw new HttpProblem(422, "more than one 'file' part; send one file per upload");
                        }
                        // The message may come after the file: the larger limit here, the smaller one checked below.
                        hash = put(part.get().body(), addressing, limits.fileBytes(addressing));
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
        if (metadata == null && size(hash) > limits.unauthenticatedBytes()) {
            throw new HttpProblem(413, "an upload without a signed STORE message may not exceed "
                    + limits.unauthenticatedBytes() + " bytes; this file has " + size(hash));
        }
        return new Upload(hash, metadata, fileName);
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

    /** Checks the attached STORE message against the file, then submits it as POST /messages does. */
    private MessageStatus publish(JsonNode metadata, ItemHash fileHash, ItemType addressing)
            throws InterruptedException {
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
        String declared = content.path("item_hash").asText("");
        if (!declared.equals(fileHash.value())) {
            throw new HttpProblem(422, "File hash does not match (" + fileHash.value() + " != " + declared + ")");
        }
        if (addressing == ItemType.IPFS && !"ipfs".equals(content.path("item_type").asText())) {
            throw new HttpProblem(422, "Expected item_type=ipfs in STORE message, got "
                    + content.path("item_type").asText());
        }
        boolean sync = Bodies.bool(metadata.get("sync"), "sync");
        MessageIntake.Accepted accepted;
        try {
            accepted = intake.submit(Json.MAPPER.writeValueAsString(message), Origin.API);
        } catch (MalformedMessageException e) {
            throw new HttpProblem(422, "InvalidMessageFormat: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not serialize", e);
        }
        if (!sync) {
            return MessageStatus.PENDING;
        }
        return intake.awaitOutcome(accepted, settings.syncTimeout()).map(MessageRecord::status)
                .orElse(MessageStatus.PENDING);
    }

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
        });
    }

    /** The reference's JSON download: base64 as Python's {@code encodebytes} writes it (76-character lines). */
    private HttpResponse base64(HttpRequest request) throws IOException {
        ItemHash hash = fileHash(request, "Invalid hash provided");
        StoredContent content = find(hash);
        if (content.size() > limits.fileBytes(ItemType.STORAGE)) {
            throw new HttpProblem(413, "the content has " + content.size() + " bytes, more than the "
                    + limits.fileBytes(ItemType.STORAGE) + " served as JSON; use /api/v0/storage/raw/" + hash);
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
        FileReference reference = state.queries().fileReference(message)
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
        FileReference reference = (hashRef ? state.queries().latestFileReference(null, ref)
                : state.queries().latestFileReference(address, ref))
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
        for (ContentStore store : stores()) {
            Optional<Long> size = store.size(hash);
            if (size.isPresent()) {
                return size;
            }
        }
        return Optional.empty();
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
        long pins = state.queries().fileReferences(hash).size();
        Optional<MessageRecord> message = state.queries().message(hash);
        if (message.isPresent() && (message.get().status() == MessageStatus.PROCESSED
                || message.get().status() == MessageStatus.PENDING)) {
            pins++;
        }
        return HttpResponse.json(200, Long.toString(pins));
    }

    private ItemHash put(InputStream content, ItemType addressing, long limit) throws IOException {
        try {
            return storeFor(addressing).put(content, addressing, limit);
        } catch (ContentTooLargeException e) {
            throw new HttpProblem(413, "File size exceeds the maximum limit of " + limit + " bytes");
        } catch (MultipartReader.MalformedMultipart e) {
            throw e;
        } catch (IOException e) {
            // A client that stops sending mid-file is not a server fault.
            throw new HttpProblem(400, "the upload did not complete: " + e.getMessage());
        }
    }

    private long size(ItemHash hash) throws IOException {
        return sizeOf(hash).orElseThrow(() -> new HttpProblem(404, "Not found"));
    }

    private StoredContent find(ItemHash hash) throws IOException {
        String corruption = null;
        for (ContentStore store : stores()) {
            try {
                Optional<StoredContent> found = store.find(hash);
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (CorruptContentException e) {
                corruption = e.getMessage();
            }
        }
        throw new HttpProblem(404, corruption == null ? "Not found"
                : "Not found: " + corruption + "; it was set aside and is not served");
    }

    private ContentStore storeFor(ItemType addressing) {
        return stores().stream().filter(store -> store.accepts(addressing)).findFirst().orElseThrow(
                () -> new HttpProblem(503, "no content store of this node takes " + addressing.wireName() + " items"));
    }

    private List<ContentStore> stores() {
        List<ContentStore> stores = context.extensions(ContentStore.class);
        if (stores.isEmpty()) {
            throw new HttpProblem(503, "this node runs no content store plugin");
        }
        return stores;
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
