package io.aleph4j.kernel;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import java.util.List;

/** A plugin that writes "start x" / "stop x" into a shared journal, and can be told to fail on start. */
final class RecordingPlugin implements AlephPlugin {

    private final String id;
    private final List<String> journal;
    private final boolean failOnStart;

    RecordingPlugin(String id, List<String> journal, boolean failOnStart) {
        this.id = id;
        this.journal = journal;
        this.failOnStart = failOnStart;
    }

    RecordingPlugin(String id, List<String> journal) {
        this(id, journal, false);
    }

    @Override
    public void start(NodeContext context) {
        if (failOnStart) {
            throw new IllegalStateException("database unreachable");
        }
        journal.add("start " + id);
    }

    @Override
    public void stop() {
        journal.add("stop " + id);
    }
}
