package io.tunnelagent.protocol.rpc;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work collected while holding the connection's lock and run after releasing it: completing futures, calling
 * capabilities, cancelling timers. Keeps callbacks from ever running under the lock.
 */
final class Batch {

    private static final Logger logger = LoggerFactory.getLogger(Batch.class);

    private final List<Runnable> actions = new ArrayList<>();

    void after(Runnable action) {
        this.actions.add(action);
    }

    void run(String connection) {
        for (Runnable action : this.actions) {
            try {
                action.run();
            } catch (RuntimeException ex) {
                logger.debug("[{}] Callback failed", connection, ex);
            }
        }
    }
}
