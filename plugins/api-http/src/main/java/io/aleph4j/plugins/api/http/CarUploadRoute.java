package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.content.ContentMismatchException;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.content.ContentTooLargeException;
import io.aleph4j.api.content.ImportedDag;
import io.aleph4j.api.content.NoContentStoreException;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.plugins.support.ipfs.CarHeader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code POST /api/v0/ipfs/add_car}: a CAR v1 archive (a DAG of IPFS blocks with one root) and the signed STORE
 * message of its root, multipart {@code file} and {@code metadata}, imported into the node's IPFS store, with the
 * reference's checks in its order and its answers. The archive waits in a staging file (up to
 * {@code ipfs.max-car-bytes}, counted against the upload budget) while its STORE message and its header are checked;
 * the IPFS node sees it only once both are right. The staging file is gone when the route returns, whatever happened.
 */
final class CarUploadRoute {

    private final ContentService content;
    private final StorageLimits limits;
    private final UploadBudget budget;
    private final UploadStaging staging;
    private final SignedUploads uploads;

    CarUploadRoute(SignedUploads uploads, ContentService content, StorageLimits limits, UploadBudget budget,
                   UploadStaging staging) {
        this.content = content;
        this.limits = limits;
        this.budget = budget;
        this.staging = staging;
        this.uploads = uploads;
    }

    void addTo(HttpRouter router) {
        router.post("/api/v0/ipfs/add_car", this::addCar);
    }

    private HttpResponse addCar(HttpRequest request) throws Exception {
        if (!content.importsCars()) {
            throw new HttpProblem(403, "IPFS is disabled on this node");
        }
        String boundary = request.header("Content-Type").flatMap(MultipartReader::boundaryOf)
                .orElseThrow(() -> new HttpProblem(400, "Expected Content-Type: multipart/form-data"));
        Path staged = null;
        try {
            SignedUploads.StoreUpload store = null;
            try (InputStream body = new RequestBody(request.bodyStream())) {
                MultipartReader reader = new MultipartReader(body, boundary);
                Optional<MultipartReader.Part> part;
                while ((part = reader.next()).isPresent()) {
                    switch (part.get().name()) {
                        case "metadata" -> {
                            if (store != null) {
                                throw new HttpProblem(422, "more than one 'metadata' part; send one STORE message");
                            }
                            store = uploads.check(SignedUploads.metadata(part.get().body()), ItemType.IPFS);
                            if (staged != null) {
                                budget.chargeAddressOnly(store.owner(), Files.size(staged));
                            }
                        }
                        case "file" -> {
                            if (staged != null) {
                                throw new HttpProblem(422, "more than one 'file' part; send one CAR archive per "
                                        + "upload");
                            }
                            String owner = store == null ? null : store.owner();
                            budget.checkOpen(owner);
                            staged = staging.stage(part.get().body(), limits.carBytes(), owner);
                        }
                        default -> {
                            // Other fields are ignored, as on the reference.
                        }
                    }
                }
            } catch (MultipartReader.MalformedMultipart e) {
                throw new HttpProblem(400, "Invalid multipart structure: " + e.getMessage());
            } catch (RequestBody.Unreadable e) {
                throw new HttpProblem(400, "the upload did not complete: " + e.getMessage());
            }
            if (staged == null) {
                throw new HttpProblem(422, "Missing 'file' in multipart form.");
            }
            if (store == null) {
                throw new HttpProblem(422, "metadata is required for CAR upload");
            }
            String root = rootOf(staged);
            if (!root.equals(store.fileHash().value())) {
                throw new HttpProblem(422, "Root CID does not match (" + root + " != " + store.fileHash() + ")");
            }
            ImportedDag dag = importCar(staged, store.fileHash());
            ObjectNode answer = Json.object();
            answer.put("status", "success");
            answer.put("hash", dag.root().value());
            answer.put("size", dag.size());
            return Json.response(MessageRoutes.httpStatus(uploads.publish(store)), answer);
        } finally {
            if (staged != null) {
                Files.deleteIfExists(staged);
            }
        }
    }

    /** The root the archive's header declares, as text; a 422 naming what is wrong with the header. */
    private static String rootOf(Path car) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(car))) {
            return CarHeader.readRoot(in);
        } catch (CarHeader.InvalidCarException e) {
            throw new HttpProblem(422, "Invalid CAR file: " + e.getMessage());
        }
    }

    private ImportedDag importCar(Path car, ItemHash root) throws IOException {
        try (InputStream in = Files.newInputStream(car)) {
            return content.importCar(in, limits.carBytes(), root);
        } catch (ContentMismatchException e) {
            throw new HttpProblem(422, "Imported root does not match expected (" + e.actual() + " != " + root
                    + "); CAR header declared a root that does not correspond to the imported DAG");
        } catch (ContentTooLargeException e) {
            throw new HttpProblem(413, "File size exceeds the maximum limit of " + limits.carBytes() + " bytes");
        } catch (NoContentStoreException e) {
            throw new HttpProblem(403, "IPFS is disabled on this node");
        } catch (IOException e) {
            throw new HttpProblem(502, "Failed to import CAR into IPFS: " + e.getMessage());
        }
    }
}
