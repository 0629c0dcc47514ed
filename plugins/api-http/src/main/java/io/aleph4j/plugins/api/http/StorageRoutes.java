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
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateQueries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The storage routes of the reference node: uploads ({@code storage/add_json}, {@code storage/add_file},
 * {@code ipfs/add_json}, {@code ipfs/add_file}, with or without a signed STORE message) and downloads
 * ({@code storage/raw/{hash}} streamed with byte ranges, {@code storage/{hash}} as base64 JSON,
 * {@code storage/count/{hash}}, descriptions), all through the kernel's content service, which decides which store
 * takes an upload and where content is looked up (and fetched from when no store has it). Files stream from the
 * request into the store and from the store into the response: no route holds a file in memory (the base64 one
 * encodes as it streams, up to {@code storage.max-file-bytes}).
 */
final class StorageRoutes {

    private final StateQueries state;
    private final ContentService content;
    private final StorageLimits limits;
    private final UploadBudget budget;
    private final SignedUploads uploads;
    private final UploadStaging staging;

    /** @param staging where a file that arrives before its STORE message waits for it (deleted after each upload) */
    StorageRoutes(SignedUploads uploads, StateQueries state, ContentService content, StorageLimits limits,
                  UploadBudget budget, UploadStaging staging) {
        this.state = state;
        this.content = content;
        this.limits = limits;
        this.budget = budget;
        this.uploads = uploads;
        this.staging = staging;
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
            budget.checkOpen(null);
            try (InputStream body = new RequestBody(request.bodyStream())) {
                upload = new Upload(put(budget.metered(body, null), addressing, limits.unauthenticatedBytes(), null),
                        null, "file");
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
        return Json.response(MessageRoutes.httpStatus(uploads.publish(upload.store())), answer);
    }

    private record Upload(ItemHash hash, SignedUploads.StoreUpload store, String fileName) {
    }

    /**
     * Parts in order. The STORE message is checked before any byte of the file is kept. A file that comes after it
     * streams into the store, which keeps it only if it hashes to the message's {@code item_hash}, up to the large
     * limit; a file that comes first waits in a staging file (up to the large limit, counted against the node's
     * upload budget) until the message is checked, and goes into the store then; without a message it is kept only
     * up to the unauthenticated limit. The staging file is gone when this returns, whatever happened.
     */
    private Upload readMultipart(HttpRequest request, String boundary, ItemType addressing) throws IOException {
        SignedUploads.StoreUpload store = null;
        ItemHash hash = null;
        Path staged = null;
        String fileName = "file";
        try (InputStream body = new RequestBody(request.bodyStream())) {
            MultipartReader reader = new MultipartReader(body, boundary);
            Optional<MultipartReader.Part> part;
            while ((part = reader.next()).isPresent()) {
                switch (part.get().name()) {
                    case "metadata" -> {
                        store = uploads.check(SignedUploads.metadata(part.get().body()), addressing);
                        if (staged != null) {
                            budget.chargeAddressOnly(store.owner(), Files.size(staged));
                            hash = putStaged(staged, addressing, limits.fileBytes(addressing), store.fileHash());
                        }
                    }
                    case "file" -> {
                        if (hash != null || staged != null) {
                            throw new HttpProblem(422, "more than one 'file' part; send one file per upload");
                        }
                        fileName = part.get().fileName().orElse("file");
                        if (store == null) {
                            budget.checkOpen(null);
                            staged = staging.stage(part.get().body(), limits.fileBytes(addressing), null);
                        } else {
                            hash = put(budget.metered(part.get().body(), store.owner()), addressing,
                                    limits.fileBytes(addressing), store.fileHash());
                        }
                    }
                    default -> {
                        // Other fields are ignored, as on the reference.
                    }
                }
            }
            if (hash == null && staged == null) {
                throw new HttpProblem(addressing == ItemType.IPFS ? 422 : 400, addressing == ItemType.IPFS
                        ? "Missing 'file' in multipart form." : "No file field in multipart request");
            }
            if (hash == null) {
                hash = putStaged(staged, addressing, limits.unauthenticatedBytes(), null);
            }
        } catch (MultipartReader.MalformedMultipart e) {
            throw new HttpProblem(400, "Invalid multipart structure: " + e.getMessage());
        } finally {
            if (staged != null) {
                Files.deleteIfExists(staged);
            }
        }
        return new Upload(hash, store, fileName);
    }

    private ItemHash putStaged(Path staged, ItemType addressing, long limit, ItemHash expected) throws IOException {
        if (Files.size(staged) > limit) {
            throw new HttpProblem(413, "File size exceeds the maximum limit of " + limit + " bytes");
        }
        try (InputStream in = Files.newInputStream(staged)) {
            return put(in, addressing, limit, expected);
        }
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
     * The reference's JSON download, which other nodes fetch content through: base64 as Python's
     * {@code encodebytes} writes it (76-character lines), for a file the node holds (it fetches nothing for this
     * route, as the reference) of up to the storage file limit (100 MiB by default). Streamed: the file is read as
     * the answer is written, never held in memory.
     */
    private HttpAnswer base64(HttpRequest request) throws IOException {
        String value = request.pathParameter("hash").orElse("");
        String engine = engineOf(value);
        ItemHash hash;
        try {
            hash = ItemHash.of(value);
        } catch (IllegalArgumentException e) {
            // Shaped like a hash, as the reference checks it, but not one: no file of this node has it.
            throw new HttpProblem(404, "Not found");
        }
        long size = sizeOf(hash).orElseThrow(() -> new HttpProblem(404, "Not found"));
        if (size > limits.storageFileBytes()) {
            throw new HttpProblem(413, "Maximum request body size " + limits.storageFileBytes()
                    + " exceeded, actual body size " + size);
        }
        StoredContent stored = find(hash);
        byte[] head = ("{\"status\": \"success\", \"hash\": " + Json.MAPPER.writeValueAsString(value)
                + ", \"engine\": \"" + engine + "\", \"content\": \"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        long length = head.length + Base64Lines.length(stored.size()) + tail.length;
        return StreamedResponse.ok("application/json", new StreamedResponse.Source() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open(long offset) throws IOException {
                InputStream whole = new SequenceInputStream(Collections.enumeration(List.of(
                        new ByteArrayInputStream(head), new Base64Lines(stored.open(0)),
                        new ByteArrayInputStream(tail))));
                whole.skipNBytes(offset);
                return whole;
            }
        });
    }

    /** The engine a hash names, as the reference tells them apart by shape; a 400 for what is neither. */
    private static String engineOf(String hash) {
        if (hash.startsWith("Qm") && hash.length() >= 44 && hash.length() <= 46
                || hash.startsWith("bafy") && hash.length() == 59) {
            return "ipfs";
        }
        if (hash.length() == 64) {
            return "storage";
        }
        throw new HttpProblem(400, "Invalid hash provided");
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
        ipfs.put("max_upload_car_size", limits.carBytes());
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
        } catch (UploadBudget.Exceeded e) {
            throw new HttpProblem(429, e.getMessage());
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
