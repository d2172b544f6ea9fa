package io.tunnelagent.core.connector.edge;

import io.tunnelagent.core.connector.ConnectorException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The edge addresses of two regions and which HA connection uses which (protocol doc 1.2–1.3). Each address is used
 * by at most one connection; a connection keeps its address across reconnects until it asks for a different one.
 * A new assignment takes the region with more free addresses (random on a tie), then the other region, so the
 * connections spread over both regions. Thread-safe.
 */
public final class EdgeAddresses {

    private final List<List<InetSocketAddress>> regions;

    private final RandomGenerator random;

    private final Map<Integer, InetSocketAddress> usedBy = new HashMap<>();

    EdgeAddresses(List<InetSocketAddress> region1, List<InetSocketAddress> region2, RandomGenerator random) {
        this.regions = List.of(List.copyOf(region1), List.copyOf(region2));
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A static edge list ({@code --edge}): addresses 0, 2, 4, … form region 1 and 1, 3, 5, … region 2.
     *
     * @param addresses the addresses, at least one
     * @param random picks between equally free regions
     * @return the pools
     * @throws ConnectorException if the list is empty
     */
    public static EdgeAddresses ofStatic(List<InetSocketAddress> addresses, RandomGenerator random) {
        if (addresses.isEmpty()) {
            throw new ConnectorException("failed to resolve any edge address: configure at least one edge address");
        }
        List<InetSocketAddress> region1 = new ArrayList<>();
        List<InetSocketAddress> region2 = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            ((i % 2 == 0) ? region1 : region2).add(addresses.get(i));
        }
        return new EdgeAddresses(region1, region2, random);
    }

    /**
     * The addresses of a region.
     *
     * @param region 0 or 1
     * @return the addresses
     */
    public List<InetSocketAddress> region(int region) {
        return this.regions.get(region);
    }

    /**
     * How many addresses there are in total, the most HA connections this edge can take.
     *
     * @return the count
     */
    public int size() {
        return this.regions.get(0).size() + this.regions.get(1).size();
    }

    /**
     * The address a connection uses: the one it already has, or a free one.
     *
     * @param connIndex the connection
     * @return the address, or null when every address is taken
     */
    public synchronized @Nullable InetSocketAddress addressFor(int connIndex) {
        InetSocketAddress current = this.usedBy.get(connIndex);
        return (current != null) ? current : assign(connIndex, null);
    }

    /**
     * Gives up a connection's address and takes a different free one (after a duplicate-connection error, an idle
     * timeout or a dial error). When no other address is free the connection keeps its address.
     *
     * @param connIndex the connection
     * @return the new address, or null when every address is taken
     */
    public synchronized @Nullable InetSocketAddress rotate(int connIndex) {
        InetSocketAddress old = this.usedBy.remove(connIndex);
        InetSocketAddress next = assign(connIndex, old);
        if (next == null && old != null) {
            this.usedBy.put(connIndex, old);
            return old;
        }
        return next;
    }

    /**
     * Frees a connection's address.
     *
     * @param connIndex the connection
     */
    public synchronized void release(int connIndex) {
        this.usedBy.remove(connIndex);
    }

    private @Nullable InetSocketAddress assign(int connIndex, @Nullable InetSocketAddress excluding) {
        int free1 = free(0);
        int free2 = free(1);
        int first = (free1 > free2) ? 0 : (free2 > free1) ? 1 : this.random.nextInt(2);
        InetSocketAddress address = anyFree(first, excluding);
        if (address == null) {
            address = anyFree(1 - first, excluding);
        }
        if (address != null) {
            this.usedBy.put(connIndex, address);
        }
        return address;
    }

    private int free(int region) {
        int free = 0;
        for (InetSocketAddress address : this.regions.get(region)) {
            if (!this.usedBy.containsValue(address)) {
                free++;
            }
        }
        return free;
    }

    private @Nullable InetSocketAddress anyFree(int region, @Nullable InetSocketAddress excluding) {
        for (InetSocketAddress address : this.regions.get(region)) {
            if (!address.equals(excluding) && !this.usedBy.containsValue(address)) {
                return address;
            }
        }
        return null;
    }
}
