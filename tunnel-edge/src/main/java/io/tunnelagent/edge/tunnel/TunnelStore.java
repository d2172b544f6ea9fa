package io.tunnelagent.edge.tunnel;

import io.tunnelagent.protocol.credentials.TunnelSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The tunnels and hostname routes of one edge, with the checks a registration needs. Every change is handed to a
 * {@link Persistence} before the method returns. Thread-safe.
 */
public final class TunnelStore {

    private final String accountTag;
    private final Persistence persistence;
    private final Clock clock;
    private final SecureRandom random;
    private final String quickTunnelDomain;
    private final Map<UUID, Tunnel> tunnels = new LinkedHashMap<>();
    private final Map<String, Route> routes = new LinkedHashMap<>();

    /**
     * Creates a store from saved state.
     *
     * @param state the saved state (use {@link State#empty(String)} on first start)
     * @param persistence where changes are saved
     * @param clock the clock for creation times
     * @param random the source of secrets and names
     * @param quickTunnelDomain the domain under which quick tunnels get their hostnames, e.g. {@code localhost}
     */
    public TunnelStore(
            State state, Persistence persistence, Clock clock, SecureRandom random, String quickTunnelDomain) {
        this.accountTag = state.accountTag();
        this.persistence = persistence;
        this.clock = clock;
        this.random = random;
        this.quickTunnelDomain = Route.normalize(quickTunnelDomain);
        state.tunnels().forEach(tunnel -> tunnels.put(tunnel.id(), tunnel));
        state.routes().forEach(route -> routes.put(route.hostname(), route));
    }

    /**
     * The account tag of this edge's tunnels.
     *
     * @return the account tag
     */
    public String accountTag() {
        return accountTag;
    }

    /**
     * Creates a tunnel with a random 32-byte secret.
     *
     * @param name the name, unique among this edge's tunnels
     * @return the tunnel
     * @throws TunnelStoreException if the name is blank or taken
     */
    public synchronized Tunnel create(String name) {
        if (name.isBlank()) {
            throw new TunnelStoreException("A tunnel needs a name: pass a non-empty 'name'");
        }
        if (tunnels.values().stream().anyMatch(tunnel -> tunnel.name().equals(name))) {
            throw new TunnelStoreException(
                    "A tunnel named '" + name + "' exists already: choose another name or delete it first");
        }
        Tunnel tunnel = new Tunnel(UUID.randomUUID(), name, accountTag, newSecret(), clock.instant());
        tunnels.put(tunnel.id(), tunnel);
        save();
        return tunnel;
    }

    /**
     * Creates a tunnel with a random name and routes a random hostname under the quick tunnel domain to it.
     *
     * @return the tunnel and its route
     */
    public synchronized QuickTunnel createQuick() {
        String label = "quick-" + HexFormat.of().formatHex(randomBytes(6));
        while (findByIdOrName(label).isPresent()) {
            label = "quick-" + HexFormat.of().formatHex(randomBytes(6));
        }
        Tunnel tunnel = create(label);
        Route route = addRoute(label + "." + quickTunnelDomain, tunnel.id());
        return new QuickTunnel(tunnel, route.hostname());
    }

    /**
     * Deletes a tunnel and its routes.
     *
     * @param id the tunnel id
     * @return whether it existed
     */
    public synchronized boolean delete(UUID id) {
        if (tunnels.remove(id) == null) {
            return false;
        }
        routes.values().removeIf(route -> route.tunnelId().equals(id));
        save();
        return true;
    }

    /**
     * Replaces a tunnel's secret. Connections registered with the old secret stay up; new registrations need the
     * new one.
     *
     * @param id the tunnel id
     * @return the tunnel with its new secret
     * @throws TunnelStoreException if there is no such tunnel
     */
    public synchronized Tunnel rotateSecret(UUID id) {
        Tunnel rotated = require(id).withSecret(newSecret());
        tunnels.put(id, rotated);
        save();
        return rotated;
    }

    /**
     * Finds a tunnel.
     *
     * @param id the tunnel id
     * @return the tunnel, if any
     */
    public synchronized Optional<Tunnel> find(UUID id) {
        return Optional.ofNullable(tunnels.get(id));
    }

    /**
     * Finds a tunnel by id or name.
     *
     * @param idOrName a tunnel id or name
     * @return the tunnel, if any
     */
    public synchronized Optional<Tunnel> findByIdOrName(String idOrName) {
        return tunnels.values().stream()
                .filter(tunnel -> tunnel.id().toString().equalsIgnoreCase(idOrName)
                        || tunnel.name().equals(idOrName))
                .findFirst();
    }

    /**
     * All tunnels, oldest first.
     *
     * @return the tunnels
     */
    public synchronized List<Tunnel> tunnels() {
        return List.copyOf(tunnels.values());
    }

    /**
     * Routes a hostname (or wildcard) to a tunnel, replacing an earlier route of the same hostname.
     *
     * @param hostname the hostname or {@code *.domain} wildcard
     * @param tunnelId the tunnel
     * @return the route
     * @throws TunnelStoreException if the tunnel does not exist or the hostname is invalid
     */
    public synchronized Route addRoute(String hostname, UUID tunnelId) {
        require(tunnelId);
        Route route = new Route(hostname, tunnelId);
        routes.put(route.hostname(), route);
        save();
        return route;
    }

    /**
     * Removes a hostname route.
     *
     * @param hostname the hostname or wildcard as it was added
     * @return whether it existed
     */
    public synchronized boolean removeRoute(String hostname) {
        boolean removed = routes.remove(Route.normalize(hostname)) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    /**
     * All routes.
     *
     * @return the routes
     */
    public synchronized List<Route> routes() {
        return List.copyOf(routes.values());
    }

    /**
     * The tunnel a visitor's host is routed to: an exact route first, else the longest matching wildcard.
     *
     * @param host the Host header value, possibly with a port
     * @return the tunnel id, if a route matches
     */
    public synchronized Optional<UUID> route(String host) {
        String bare = stripPort(host).toLowerCase(java.util.Locale.ROOT);
        Route exact = routes.get(bare);
        if (exact != null) {
            return Optional.of(exact.tunnelId());
        }
        return routes.values().stream()
                .filter(route -> route.isWildcard() && route.matches(bare))
                .max(Comparator.comparingInt(route -> route.hostname().length()))
                .map(Route::tunnelId);
    }

    /**
     * Checks a registration's credentials.
     *
     * @param accountTag the presented account tag
     * @param tunnelId the presented tunnel id, null if malformed
     * @param secret the presented secret
     * @return the verdict
     */
    public synchronized Verdict authenticate(String accountTag, @Nullable UUID tunnelId, TunnelSecret secret) {
        Tunnel tunnel = (tunnelId != null) ? tunnels.get(tunnelId) : null;
        if (tunnel == null) {
            return Verdict.UNKNOWN_TUNNEL;
        }
        if (!tunnel.accountTag().equals(accountTag)) {
            return Verdict.WRONG_ACCOUNT;
        }
        return tunnel.secret().equals(secret) ? Verdict.ACCEPTED : Verdict.WRONG_SECRET;
    }

    private Tunnel require(UUID id) {
        Tunnel tunnel = tunnels.get(id);
        if (tunnel == null) {
            throw new TunnelStoreException("No tunnel with id " + id + ": list the tunnels to find its id");
        }
        return tunnel;
    }

    private TunnelSecret newSecret() {
        return TunnelSecret.of(randomBytes(32));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private void save() {
        persistence.save(new State(accountTag, new ArrayList<>(tunnels.values()), new ArrayList<>(routes.values())));
    }

    static String stripPort(String host) {
        String value = host.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(1, end) : value;
        }
        int colon = value.lastIndexOf(':');
        return (colon >= 0 && value.indexOf(':') == colon) ? value.substring(0, colon) : value;
    }

    /** The result of checking a registration's credentials. */
    public enum Verdict {
        /** The credentials match a tunnel. */
        ACCEPTED,
        /** No tunnel has the presented id. */
        UNKNOWN_TUNNEL,
        /** The tunnel exists under another account tag. */
        WRONG_ACCOUNT,
        /** The secret does not match. */
        WRONG_SECRET
    }

    /**
     * The persistent content of a store.
     *
     * @param accountTag the edge's account tag
     * @param tunnels the tunnels
     * @param routes the routes
     */
    public record State(String accountTag, List<Tunnel> tunnels, List<Route> routes) {

        /**
         * Copies the lists.
         *
         * @param accountTag the edge's account tag
         * @param tunnels the tunnels
         * @param routes the routes
         */
        public State {
            tunnels = List.copyOf(tunnels);
            routes = List.copyOf(routes);
        }

        /**
         * The state of a new edge.
         *
         * @param accountTag the account tag to use
         * @return an empty state
         */
        public static State empty(String accountTag) {
            return new State(accountTag, List.of(), List.of());
        }
    }

    /** Saves a store's state; called under the store's lock after every change. */
    @FunctionalInterface
    public interface Persistence {

        /**
         * Saves the state.
         *
         * @param state the state
         */
        void save(State state);
    }

    /**
     * A quick tunnel: a tunnel with a random name and hostname.
     *
     * @param tunnel the tunnel
     * @param hostname its hostname
     */
    public record QuickTunnel(Tunnel tunnel, String hostname) {}
}
