package io.tunnelagent.edge.registration;

import io.tunnelagent.transport.TunnelConnection;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registered connector connection: who it is (tunnel, connection index, connector id, transport, client
 * version) and how busy it is. Visitors {@link #tryAcquire() acquire} it for each request; once it
 * {@link #drain() drains} it takes no new requests and {@link #drained()} completes when the last one ends.
 */
public final class LiveConnection {

    private final UUID id;
    private final UUID tunnelId;
    private final int connIndex;
    private final UUID connectorId;
    private final String clientVersion;
    private final Instant registeredAt;
    private final TunnelConnection connection;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    LiveConnection(
            UUID id,
            UUID tunnelId,
            int connIndex,
            UUID connectorId,
            String clientVersion,
            Instant registeredAt,
            TunnelConnection connection) {
        this.id = Objects.requireNonNull(id);
        this.tunnelId = Objects.requireNonNull(tunnelId);
        this.connIndex = connIndex;
        this.connectorId = Objects.requireNonNull(connectorId);
        this.clientVersion = Objects.requireNonNull(clientVersion);
        this.registeredAt = Objects.requireNonNull(registeredAt);
        this.connection = Objects.requireNonNull(connection);
    }

    /**
     * The connection UUID given to the connector.
     *
     * @return the id
     */
    public UUID id() {
        return id;
    }

    /**
     * The tunnel this connection serves.
     *
     * @return the tunnel id
     */
    public UUID tunnelId() {
        return tunnelId;
    }

    /**
     * The connector's HA connection index.
     *
     * @return the index
     */
    public int connIndex() {
        return connIndex;
    }

    /**
     * The connector's id (one per connector process).
     *
     * @return the id
     */
    public UUID connectorId() {
        return connectorId;
    }

    /**
     * The connector's version, e.g. {@code 2026.8.2}.
     *
     * @return the version
     */
    public String clientVersion() {
        return clientVersion;
    }

    /**
     * The transport, {@code quic} or {@code http2}.
     *
     * @return the protocol name
     */
    public String protocol() {
        return connection.protocol().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The connector's address.
     *
     * @return the address
     */
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /**
     * When the connection registered.
     *
     * @return the instant
     */
    public Instant registeredAt() {
        return registeredAt;
    }

    /**
     * The transport connection, for opening data streams.
     *
     * @return the connection
     */
    public TunnelConnection transport() {
        return connection;
    }

    /**
     * Whether the connector unregistered and the connection takes no new requests.
     *
     * @return true when draining
     */
    public boolean isDraining() {
        return draining;
    }

    /**
     * The number of requests in flight.
     *
     * @return the count
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Takes the connection for one request unless it is draining or closed; pair with {@link #release()}.
     *
     * @return whether the caller may use it
     */
    public boolean tryAcquire() {
        if (draining || connection.closeFuture().isDone()) {
            return false;
        }
        inFlight.incrementAndGet();
        if (draining) {
            release();
            return false;
        }
        return true;
    }

    /** Ends one request taken with {@link #tryAcquire()}. */
    public void release() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }

    /** Stops routing new requests to this connection. */
    public void drain() {
        draining = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
    }

    /**
     * Completes once the connection drains and has no requests in flight.
     *
     * @return the future
     */
    public CompletableFuture<Void> drained() {
        return drained;
    }

    @Override
    public String toString() {
        return "LiveConnection[" + id + ", tunnel " + tunnelId + ", connIndex " + connIndex + ", " + protocol() + "]";
    }
}
