package io.tunnelagent.core.connector.supervisor;

import io.tunnelagent.core.connector.event.ConnectionInfo;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One registered connection to the edge, serving streams until it ends or is drained. */
public interface EdgeSession {

    /**
     * What the edge confirmed at registration.
     *
     * @return the connection
     */
    ConnectionInfo info();

    /**
     * Completes when the connection has ended, for whatever reason.
     *
     * @return the reason, for logs; never fails
     */
    CompletableFuture<String> ended();

    /**
     * Calls {@code unregisterConnection} so the edge stops sending new requests here.
     *
     * @param timeout how long to wait for the answer (the grace period)
     * @return completes when the edge answered; fails on error or timeout
     */
    CompletableFuture<Void> unregister(Duration timeout);

    /**
     * Completes when no proxied request is in flight on this connection (at once if none is).
     *
     * @return the future; never fails
     */
    CompletableFuture<Void> quiesced();

    /**
     * Closes the control stream (Release, Abort) and the connection with code 0. Idempotent.
     *
     * @return completes when closed
     */
    CompletableFuture<Void> close();
}
