package io.aleph4j.plugins.api.http;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.state.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Contributes the CCN's public HTTP API: writing messages, reading the state they built, streaming new ones. The node
 * builds its routes ({@link ApiRoutes}) with the kernel's intake, state and content services injected; the entry
 * keeps the websocket stream, which it feeds from the events log between start and stop.
 */
public final class ApiHttpPlugin implements AlephPlugin {

    static final ConfigKey<Duration> SYNC_TIMEOUT = ConfigKey.duration("sync-timeout", Duration.ofSeconds(30),
            "how long POST /api/v0/messages with sync=true waits for the message's processing before answering "
                    + "with its pending status");
    static final ConfigKey<Integer> MAX_PAGE_SIZE = ConfigKey.integer("max-page-size", 0,
            "the largest pagination a list query may ask for, and the most results pagination=0 (all) returns; "
                    + "0 for no cap, as on the reference");
    static final ConfigKey<Long> MAX_UNAUTHENTICATED_UPLOAD_BYTES = ConfigKey.longInteger(
            "storage.max-unauthenticated-upload-bytes", 26_214_400L,
            "the largest file uploaded without a signed STORE message, and the largest add_json body");
    static final ConfigKey<Long> MAX_STORAGE_FILE_BYTES = ConfigKey.longInteger("storage.max-file-bytes",
            104_857_600L, "the largest storage file uploaded with a signed STORE message (streamed to disk)");
    static final ConfigKey<Long> MAX_IPFS_FILE_BYTES = ConfigKey.longInteger("ipfs.max-file-bytes",
            1_073_741_824L, "the largest ipfs file uploaded with a signed STORE message (streamed to disk)");
    static final ConfigKey<Long> MAX_CAR_BYTES = ConfigKey.longInteger("ipfs.max-car-bytes", 4_294_967_296L,
            "the largest CAR archive uploaded to /api/v0/ipfs/add_car (streamed to disk, then into the IPFS node)");

    private static final System.Logger LOG = System.getLogger(ApiHttpPlugin.class.getName());

    private MessageStream stream;
    private Subscription events;

    @Override
    public List<ConfigKey<?>> configKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>(List.of(SYNC_TIMEOUT, MAX_PAGE_SIZE,
                MAX_UNAUTHENTICATED_UPLOAD_BYTES, MAX_STORAGE_FILE_BYTES, MAX_IPFS_FILE_BYTES, MAX_CAR_BYTES));
        keys.addAll(UploadBudget.KEYS);
        return List.copyOf(keys);
    }

    @Override
    public Set<Class<? extends Extension>> requiredExtensions() {
        return Set.of(StateStore.class);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(ApiSettings.class, ApiSettings::from);
        registrar.config(StorageLimits.class, StorageLimits::from);
        NodeContext context = registrar.context();
        UploadBudget budget = UploadBudget.from(context.config(), context.clock());
        registrar.service(UploadBudget.class, budget);
        registrar.service(UploadStaging.class, new UploadStaging(context.dataDirectory().resolve("staging"), budget));
        stream = new MessageStream(registrar.context().state());
        registrar.service(MessageStream.class, stream);
        registrar.extension(HttpRoutes.class, ApiRoutes.class);
    }

    @Override
    public void start(NodeContext context) {
        events = context.log().subscribeEvents("api-http-stream", StartFrom.LATEST, (index, event) -> {
            try {
                stream.onEvent(event);
            } catch (RuntimeException e) {
                // One event that cannot be streamed must not end the stream for every client.
                LOG.log(System.Logger.Level.WARNING, "could not stream " + event.itemHash(), e);
            }
        });
    }

    @Override
    public void stop() {
        if (events != null) {
            events.close();
        }
    }
}
