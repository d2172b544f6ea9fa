package io.tunnelagent.core.connector.supervisor;

import io.tunnelagent.core.connector.ConnectorException;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.retry.Backoff;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one HA connection up: attempt, serve until lost, back off, retry forever. Address rotation and protocol
 * fallback follow cloudflared (protocol doc 1.2, 1.5, 1.6).
 */
final class ConnectionLoop {

    private static final Logger logger = LoggerFactory.getLogger(ConnectionLoop.class);

    private final int index;

    private final Supervisor supervisor;

    private final Backoff backoff;

    private final CompletableFuture<Void> firstRegistration = new CompletableFuture<>();

    private @Nullable EdgeSession session;

    private @Nullable CompletableFuture<Void> pendingDelay;

    private @Nullable CompletableFuture<Void> recycled;

    private @Nullable CompletableFuture<Void> nextRegistration;

    private int dialFailures;

    private boolean stopped;

    ConnectionLoop(int index, Supervisor supervisor, Backoff backoff) {
        this.index = index;
        this.supervisor = supervisor;
        this.backoff = backoff;
    }

    int index() {
        return this.index;
    }

    CompletableFuture<Void> firstRegistration() {
        return this.firstRegistration;
    }

    synchronized @Nullable EdgeSession session() {
        return this.session;
    }

    void start() {
        attempt();
    }

    private void attempt() {
        InetSocketAddress edge;
        TransportProtocol protocol = this.supervisor.selector().current();
        int previousAttempts;
        synchronized (this) {
            this.pendingDelay = null;
            if (this.stopped) {
                return;
            }
            edge = this.supervisor.addresses().addressFor(this.index);
            previousAttempts = this.backoff.retries();
        }
        if (edge == null) {
            failed(null, protocol, new ConnectionFailure(ConnectionFailure.Kind.DIAL, "no free edge address"));
            return;
        }
        logger.debug("conn {}: connecting to {} over {}", this.index, edge, protocol);
        InetSocketAddress tried = edge;
        this.supervisor
                .sessions()
                .open(new SessionRequest(this.index, edge, protocol, previousAttempts))
                .whenComplete((session, error) -> {
                    if (error != null) {
                        failed(tried, protocol, classify(error));
                    } else {
                        registered(session);
                    }
                });
    }

    private void registered(EdgeSession registered) {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            if (this.stopped) {
                registered.close();
                return;
            }
            this.session = registered;
            this.backoff.reset();
            this.dialFailures = 0;
            waiting = this.nextRegistration;
            this.nextRegistration = null;
        }
        ConnectionInfo info = registered.info();
        this.supervisor.selector().connected(info.protocol());
        this.supervisor.registered(info);
        this.firstRegistration.complete(null);
        if (waiting != null) {
            waiting.complete(null);
        }
        registered.ended().thenAccept((reason) -> lost(registered, reason));
    }

    private void lost(EdgeSession ended, String reason) {
        CompletableFuture<Void> recycle;
        synchronized (this) {
            if (this.session == ended) {
                this.session = null;
            }
            recycle = this.recycled;
            this.recycled = null;
            this.nextRegistration = recycle;
        }
        this.supervisor.unregistered(ended.info(), reason);
        if (isStopped()) {
            return;
        }
        if (recycle != null) {
            attempt();
            return;
        }
        logger.warn("conn {}: connection with the edge ended: {}", this.index, reason);
        scheduleRetry(this.backoff.nextDelay());
    }

    private void failed(@Nullable InetSocketAddress edge, TransportProtocol protocol, ConnectionFailure failure) {
        boolean abort;
        synchronized (this) {
            abort = this.index == 0 && !this.firstRegistration.isDone() && failure.abortsStartup();
        }
        if (edge != null) {
            this.supervisor.listener().connectionFailed(this.index, edge, protocol, failure);
        }
        if (abort) {
            stop();
            this.firstRegistration.completeExceptionally(
                    new ConnectorException("Initial tunnel connection failed: " + failure.message()));
            return;
        }
        boolean dialFallback = false;
        synchronized (this) {
            switch (failure.kind()) {
                case DIAL -> {
                    this.dialFailures++;
                    dialFallback =
                            this.dialFailures >= this.supervisor.settings().maxEdgeAddrRetries();
                    this.supervisor.addresses().rotate(this.index);
                }
                case DUPLICATE, QUIC_BROKEN -> this.supervisor.addresses().rotate(this.index);
                default -> {}
            }
        }
        Duration delay = this.backoff.nextDelay();
        Optional<TransportProtocol> switched = this.supervisor
                .selector()
                .afterFailure(
                        protocol,
                        this.backoff.reachedMaxRetries() || dialFallback,
                        failure.kind() == ConnectionFailure.Kind.QUIC_BROKEN);
        switched.ifPresent((to) -> {
            this.dialFailures = 0;
            this.supervisor.protocolChanged(protocol, to);
        });
        logger.info("conn {}: {}; retrying connection in up to {}", this.index, failure, this.backoff.maxNextDelay());
        scheduleRetry(delay);
    }

    private void scheduleRetry(@Nullable Duration delay) {
        Duration wait = (delay != null) ? delay : Duration.ZERO;
        CompletableFuture<Void> timer = this.supervisor.delayer().after(wait);
        synchronized (this) {
            if (this.stopped) {
                timer.cancel(false);
                return;
            }
            this.pendingDelay = timer;
        }
        timer.thenRun(this::attempt);
    }

    /**
     * Replaces the connection with a new one over the current protocol: unregister, let in-flight requests finish
     * (up to the grace period), close, reconnect at once.
     *
     * @param grace the most to wait for in-flight requests
     * @return completes when the new connection registered (or at once if there was none)
     */
    CompletableFuture<Void> recycle(Duration grace) {
        EdgeSession current;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            current = this.session;
            if (current == null || this.stopped) {
                return CompletableFuture.completedFuture(null);
            }
            this.recycled = done;
        }
        this.supervisor.retire(current, grace);
        return done;
    }

    synchronized void stop() {
        this.stopped = true;
        CompletableFuture<Void> timer = this.pendingDelay;
        if (timer != null) {
            timer.cancel(false);
        }
        for (CompletableFuture<Void> waiting : new CompletableFuture[] {this.recycled, this.nextRegistration}) {
            if (waiting != null) {
                waiting.complete(null);
            }
        }
    }

    private synchronized boolean isStopped() {
        return this.stopped;
    }

    private static ConnectionFailure classify(Throwable error) {
        Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
        if (cause instanceof SessionException session) {
            return session.failure();
        }
        return new ConnectionFailure(ConnectionFailure.Kind.CONTROL_STREAM, String.valueOf(cause.getMessage()));
    }
}
