package io.aleph4j.plugins.api.http;

import io.aleph4j.api.http.HttpProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an upload's file waits on disk: for its STORE message when it comes first, or to be read more than once (a
 * CAR archive's header, then its import). A directory of the plugin's own; each file is deleted by whoever staged it,
 * once the upload is done.
 */
final class UploadStaging {

    private final Path directory;
    private final UploadBudget budget;

    UploadStaging(Path directory, UploadBudget budget) {
        this.directory = directory;
        this.budget = budget;
    }

    /**
     * Streams a file part into a staging file of its own, up to {@code limit} bytes (413 beyond), its bytes charged
     * as they arrive to the node and to {@code owner} (null: the node only; 429 beyond). Nothing is left behind when
     * it fails.
     */
    Path stage(InputStream part, long limit, String owner) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "upload-", ".part");
        try (InputStream in = budget.metered(part, owner);
             OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > limit) {
                    throw new HttpProblem(413, "File size exceeds the maximum limit of " + limit + " bytes");
                }
                out.write(buffer, 0, read);
            }
        } catch (UploadBudget.Exceeded e) {
            Files.deleteIfExists(file);
            throw new HttpProblem(429, e.getMessage());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }
}
