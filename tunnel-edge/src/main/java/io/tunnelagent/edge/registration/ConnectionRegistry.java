package io.tunnelagent.edge.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live connector connections of every tunnel. Requests are spread round robin over a tunnel's connections that
 * are not draining, which spreads them over connectors too. Thread-safe.
 */
public final class ConnectionRegistry {

    private final Map<UUID, CopyOnWriteArrayList<LiveConnection>> byTunnel = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> cursors = new ConcurrentHashMap<>();

    /** Creates an empty registry. */
    public ConnectionRegistry() {}

    /**
     * Adds a connection unless the same connector already has a live, non-draining connection with the same index
     * for the tunnel.
     *
     * @param connection the connection
     * @return false for a duplicate
     */
    synchronized boolean register(LiveConnection connection) {
        List<LiveConnection> list = byTunnel.computeIfAbsent(connection.tunnelId(), id -> new CopyOnWriteArrayList<>());
        boolean duplicate = list.stream()
                .anyMatch(other -> !other.isDraining()
                        && other.connectorId().equals(connection.connectorId())
                        && other.connIndex() == connection.connIndex());
        if (duplicate) {
            return false;
        }
        list.add(connection);
        return true;
    }

    /**
     * Removes a connection.
     *
     * @param connection the connection
     */
    synchronized void remove(LiveConnection connection) {
        List<LiveConnection> list = byTunnel.get(connection.tunnelId());
        if (list != null) {
            list.remove(connection);
        }
    }

    /**
     * Picks and {@link LiveConnection#tryAcquire() acquires} a connection of a tunnel, round robin.
     *
     * @param tunnelId the tunnel
     * @return the acquired connection; the caller must {@link LiveConnection#release() release} it
     */
    public Optional<LiveConnection> acquire(UUID tunnelId) {
        List<LiveConnection> list = byTunnel.get(tunnelId);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        LiveConnection[] snapshot = list.toArray(new LiveConnection[0]);
        int start = cursors.computeIfAbsent(tunnelId, id -> new AtomicInteger()).getAndIncrement();
        for (int i = 0; i < snapshot.length; i++) {
            LiveConnection candidate = snapshot[Math.floorMod(start + i, snapshot.length)];
            if (candidate.tryAcquire()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The live connections of a tunnel, including draining ones.
     *
     * @param tunnelId the tunnel
     * @return the connections
     */
    public List<LiveConnection> connections(UUID tunnelId) {
        List<LiveConnection> list = byTunnel.get(tunnelId);
        return (list != null) ? List.copyOf(list) : List.of();
    }

    /**
     * Every live connection.
     *
     * @return the connections
     */
    public List<LiveConnection> connections() {
        List<LiveConnection> all = new ArrayList<>();
        byTunnel.values().forEach(all::addAll);
        return all;
    }
}
