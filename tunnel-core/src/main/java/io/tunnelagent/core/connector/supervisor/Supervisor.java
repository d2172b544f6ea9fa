package io.tunnelagent.core.connector.supervisor;

import io.tunnelagent.core.connector.edge.EdgeAddresses;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.protocol.ProtocolSelector;
import io.tunnelagent.core.connector.retry.Backoff;
import io.tunnelagent.core.connector.retry.Delayer;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises the HA connections (protocol doc 1.4): connection 0 first, the others after it registered, one per
 * {@code registrationInterval}; each keeps itself up with its own backoff. Drain unregisters every connection,
 * waits for in-flight requests up to the grace period, then closes. While on the HTTP/2 fallback, a QUIC re-probe
 * runs every {@code reprobeInterval}; when it connects, connections move back to QUIC one at a time.
 */
public final class Supervisor {

    private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

    private final SupervisorSettings settings;

    private final EdgeAddresses addresses;

    private final ProtocolSelector selector;

    private final EdgeSessions sessions;

    private final Delayer delayer;

    private final ConnectorListener listener;

    private final List<ConnectionLoop> loops = new ArrayList<>();

    private final Map<Integer, ConnectionInfo> registered = new ConcurrentSkipListMap<>();

    private volatile boolean stopping;

    private volatile boolean probing;

    private volatile Duration recycleGrace = Duration.ofSeconds(30);

    /**
     * Creates a supervisor.
     *
     * @param settings the numbers
     * @param addresses the edge addresses
     * @param selector the protocol selection, shared by the connections
     * @param sessions opens sessions with the edge
     * @param delayer waits between attempts
     * @param clock the clock for backoff grace periods
     * @param random the jitter source
     * @param listener receives connection events
     */
    public Supervisor(
            SupervisorSettings settings,
            EdgeAddresses addresses,
            ProtocolSelector selector,
            EdgeSessions sessions,
            Delayer delayer,
            Clock clock,
            RandomGenerator random,
            ConnectorListener listener) {
        this.settings = settings;
        this.addresses = addresses;
        this.selector = selector;
        this.sessions = sessions;
        this.delayer = delayer;
        this.listener = listener;
        for (int i = 0; i < settings.haConnections(); i++) {
            Backoff backoff = new Backoff(settings.backoffBase(), settings.maxRetries(), true, clock, random);
            this.loops.add(new ConnectionLoop(i, this, backoff));
        }
    }

    /**
     * Starts connection 0, then the others after it registered.
     *
     * @return completes when connection 0 registered; fails with a {@code ConnectorException} when start-up
     *     cannot succeed (a permanent registration error)
     */
    public CompletableFuture<Void> start() {
        ConnectionLoop first = this.loops.get(0);
        first.start();
        return first.firstRegistration().thenRun(this::startOthers);
    }

    private void startOthers() {
        for (int i = 1; i < this.loops.size(); i++) {
            ConnectionLoop loop = this.loops.get(i);
            this.delayer
                    .after(this.settings.registrationInterval().multipliedBy(i))
                    .thenRun(() -> {
                        if (!this.stopping) {
                            loop.start();
                        }
                    });
        }
    }

    /**
     * The registered connections, by index.
     *
     * @return a snapshot
     */
    public List<ConnectionInfo> connections() {
        return List.copyOf(this.registered.values());
    }

    /**
     * Unregisters every connection, lets in-flight requests finish within the grace period, then closes every
     * connection. No connection is re-established afterwards.
     *
     * @param grace the grace period
     * @return completes when every connection is closed
     */
    public CompletableFuture<Void> drain(Duration grace) {
        this.stopping = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (ConnectionLoop loop : this.loops) {
            loop.stop();
            EdgeSession session = loop.session();
            if (session != null) {
                closing.add(retire(session, grace));
            }
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /**
     * Closes every connection at once, without unregistering.
     *
     * @return completes when closed
     */
    public CompletableFuture<Void> close() {
        this.stopping = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (ConnectionLoop loop : this.loops) {
            loop.stop();
            EdgeSession session = loop.session();
            if (session != null) {
                closing.add(session.close());
            }
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /**
     * Sets how long a connection moved back to QUIC waits for its in-flight requests.
     *
     * @param grace the grace period
     */
    public void recycleGrace(Duration grace) {
        this.recycleGrace = grace;
    }

    CompletableFuture<Void> retire(EdgeSession session, Duration grace) {
        int index = session.info().connIndex();
        CompletableFuture<Void> unregistered = session.unregister(grace).handle((ignored, error) -> {
            if (error != null) {
                logger.warn("conn {}: unregisterConnection failed: {}", index, error.getMessage());
            } else {
                logger.info("Unregistered tunnel connection connIndex={}", index);
            }
            return null;
        });
        CompletableFuture<Void> deadline = this.delayer.after(grace);
        return unregistered
                .thenCompose((ignored) -> CompletableFuture.anyOf(session.quiesced(), deadline))
                .thenCompose((ignored) -> {
                    deadline.cancel(false);
                    return session.close();
                });
    }

    void registered(ConnectionInfo info) {
        this.registered.put(info.connIndex(), info);
        logger.info(
                "Registered tunnel connection connIndex={} connection={} location={} ip={} protocol={}",
                info.connIndex(),
                info.connectionId(),
                info.location(),
                info.edge().getAddress().getHostAddress(),
                info.protocol().name().toLowerCase(java.util.Locale.ROOT));
        this.listener.connected(info);
    }

    void unregistered(ConnectionInfo info, String reason) {
        this.registered.remove(info.connIndex(), info);
        this.listener.disconnected(info, reason);
    }

    void protocolChanged(TransportProtocol from, TransportProtocol to) {
        logger.warn(
                "Switching to fallback protocol {}: {} did not work; check that UDP egress to port 7844 is allowed",
                to,
                from);
        this.listener.protocolChanged(from, to);
        scheduleReprobe();
    }

    private void scheduleReprobe() {
        Duration interval = this.settings.reprobeInterval();
        if (interval.isZero() || this.stopping) {
            return;
        }
        this.delayer.after(interval).thenRun(this::reprobe);
    }

    /** Tries QUIC once if a re-probe is due; on success moves the connections back one by one. */
    void reprobe() {
        if (this.stopping || this.probing || !this.selector.reprobeDue()) {
            if (!this.stopping
                    && this.selector.current() != this.selector.mode().initial()) {
                scheduleReprobe();
            }
            return;
        }
        this.probing = true;
        InetSocketAddress edge = this.addresses.region(0).get(0);
        TransportProtocol from = this.selector.current();
        TransportProtocol to = this.selector.mode().initial();
        this.sessions.probe(edge, to).whenComplete((ignored, error) -> {
            if (error != null) {
                logger.debug("QUIC re-probe of {} failed: {}", edge, error.getMessage());
                this.selector.probeFailed();
                this.probing = false;
                scheduleReprobe();
                return;
            }
            logger.info("QUIC works again; moving connections from {} back to {}", from, to);
            this.selector.probeSucceeded();
            this.listener.protocolChanged(from, to);
            recycleAll(0).whenComplete((done, failure) -> this.probing = false);
        });
    }

    private CompletableFuture<Void> recycleAll(int from) {
        if (from >= this.loops.size() || this.stopping) {
            return CompletableFuture.completedFuture(null);
        }
        return this.loops.get(from).recycle(this.recycleGrace).thenCompose((ignored) -> recycleAll(from + 1));
    }

    SupervisorSettings settings() {
        return this.settings;
    }

    EdgeAddresses addresses() {
        return this.addresses;
    }

    ProtocolSelector selector() {
        return this.selector;
    }

    EdgeSessions sessions() {
        return this.sessions;
    }

    Delayer delayer() {
        return this.delayer;
    }

    ConnectorListener listener() {
        return this.listener;
    }
}
