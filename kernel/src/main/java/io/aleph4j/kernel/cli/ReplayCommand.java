package io.aleph4j.kernel.cli;

import io.aleph4j.kernel.Node;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Rebuilds the state store from the message log, then exits: {@code aleph4j --data-dir DIR replay}. The node
 * starts with the same options as for serving (so the same plugins and store), but on a free HTTP port so that
 * it does not take the serving node's address; stop the serving node first, as both would use the same files.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Empties the state store and rebuilds it from the message log, then exits. "
                + "Stop the node that uses the same data directory first.")
final class ReplayCommand implements Callable<Integer> {

    /** Exit code for a replay that had not caught up when its timeout passed. */
    static final int TIMED_OUT = 3;

    @ParentCommand
    Main node;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT24H",
            description = "How long to wait for the replay to finish, as an ISO-8601 duration. Default: PT24H.")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        try (Node started = node.builder().set("node", "http.port", 0).start()) {
            if (started.stateQueries().isEmpty()) {
                throw new CommandFailure("nothing to replay: no plugin of this node contributes a StateStore");
            }
            long begun = System.nanoTime();
            if (!started.replayState(timeout)) {
                System.err.println("aleph4j replay: not finished after " + timeout + "; the store is incomplete, "
                        + "run the replay again");
                return TIMED_OUT;
            }
            System.out.printf("aleph4j replay: the state of node '%s' was rebuilt from its log in %.1f s%n",
                    started.name(), (System.nanoTime() - begun) / 1e9);
            return 0;
        }
    }
}
