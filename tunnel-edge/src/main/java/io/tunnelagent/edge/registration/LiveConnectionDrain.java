package io.tunnelagent.edge.registration;

import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.transport.TunnelConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an unregistered connection: once its in-flight requests have ended and either its control stream closed
 * or the close delay passed; at the latest when the grace period ends.
 */
final class LiveConnectionDrain {

    private static final Logger log = LoggerFactory.getLogger(LiveConnectionDrain.class);

    private LiveConnectionDrain() {}

    static void after(
            TunnelConnection connection,
            RpcConnection rpc,
            LiveConnection[] entries,
            ConnectorSessions.Settings settings,
            ScheduledExecutorService scheduler) {
        CompletableFuture<?>[] drained = new CompletableFuture<?>[entries.length];
        for (int i = 0; i < entries.length; i++) {
            drained[i] = entries[i].drained();
        }
        CompletableFuture.allOf(drained).thenRun(() -> {
            CompletableFuture<Void> delay = new CompletableFuture<>();
            scheduler.schedule(() -> delay.complete(null), settings.closeDelay().toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture.anyOf(delay, rpc.closeFuture()).thenRun(() -> close(connection, "drained"));
        });
        scheduler.schedule(
                () -> close(connection, "grace period over"),
                settings.gracePeriod().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void close(TunnelConnection connection, String reason) {
        if (!connection.closeFuture().isDone()) {
            log.debug("Closing unregistered connection from {}: {}", connection.remoteAddress(), reason);
            connection.close(0, reason);
        }
    }
}
