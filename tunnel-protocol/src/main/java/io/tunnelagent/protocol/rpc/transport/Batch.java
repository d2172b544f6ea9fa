package io.tunnelagent.protocol.rpc.transport;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work collected while holding the connection's lock and run after releasing it: completing futures, calling
 * capabilities, cancelling timers. Keeps callbacks from ever running under the lock. Internal to
 * {@link io.tunnelagent.protocol.rpc.RpcConnection}, beside the {@link Outbox} it is flushed with.
 */
public final class Batch {

    private static final Logger logger = LoggerFactory.getLogger(Batch.class);

    private final List<Runnable> actions = new ArrayList<>();

    /**
     * Adds an action to run once the lock is released.
     *
     * @param action the action
     */
    public void after(Runnable action) {
        this.actions.add(action);
    }

    /**
     * Runs the actions in order; a failing action is logged at DEBUG and does not stop the others.
     *
     * @param connection the connection's name, for log lines
     */
    public void run(String connection) {
        for (Runnable action : this.actions) {
            try {
                action.run();
            } catch (RuntimeException ex) {
                logger.debug("[{}] Callback failed", connection, ex);
            }
        }
    }
}
