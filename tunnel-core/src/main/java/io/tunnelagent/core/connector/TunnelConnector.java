package io.tunnelagent.core.connector;

import io.tunnelagent.core.connector.edge.EdgeAddresses;
import io.tunnelagent.core.connector.edge.EdgeDiscovery;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.event.ListenerGroup;
import io.tunnelagent.core.connector.protocol.ProtocolSelector;
import io.tunnelagent.core.connector.registration.ClientIdentity;
import io.tunnelagent.core.connector.retry.Delayer;
import io.tunnelagent.core.connector.rules.RulesHolder;
import io.tunnelagent.core.connector.session.TunnelEdgeSessions;
import io.tunnelagent.core.connector.supervisor.EdgeSessions;
import io.tunnelagent.core.connector.supervisor.Supervisor;
import io.tunnelagent.core.connector.supervisor.SupervisorSettings;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.protocol.registration.ClientInfo;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cloudflare Tunnel connector: keeps N HA connections to the edge, serves the requests the edge sends through
 * them with the current ingress rules, and drains gracefully. Built with {@link #builder()}; single use (start once,
 * stop once).
 *
 * <pre>{@code
 * TunnelConnector connector = TunnelConnector.builder()
 *         .token(System.getenv("TUNNEL_TOKEN"))
 *         .rules(rules)
 *         .dataStreamHandler(proxy::handle)
 *         .dialer(quicDialer).dialer(http2Dialer)
 *         .build();
 * connector.start().get(30, TimeUnit.SECONDS);   // connection 0 registered
 * ...
 * connector.stop().get(1, TimeUnit.MINUTES);     // unregister, drain, close
 * }</pre>
 */
public final class TunnelConnector {

    private static final Logger logger = LoggerFactory.getLogger(TunnelConnector.class);

    private final ConnectorSettings settings;

    private final RulesHolder rules;

    private final ListenerGroup listeners = new ListenerGroup();

    private final AtomicBoolean started = new AtomicBoolean();

    private final UUID connectorId;

    private volatile @Nullable Supervisor supervisor;

    private volatile boolean draining;

    private @Nullable ScheduledExecutorService ownScheduler;

    TunnelConnector(ConnectorSettings settings, UUID connectorId) {
        this.settings = settings;
        this.rules = new RulesHolder(settings.rules());
        this.connectorId = connectorId;
        settings.listeners().forEach(this.listeners::add);
    }

    /**
     * Starts building a connector.
     *
     * @return the builder
     */
    public static ConnectorBuilder builder() {
        return new ConnectorBuilder();
    }

    /**
     * The connector ID of this instance, sent to the edge as the client ID.
     *
     * @return the ID
     */
    public UUID connectorId() {
        return this.connectorId;
    }

    /**
     * Adds a listener for connection events.
     *
     * @param listener the listener
     */
    public void addListener(ConnectorListener listener) {
        this.listeners.add(listener);
    }

    /**
     * Finds the edge and starts the connections: connection 0 first, the others one per second after it
     * registered.
     *
     * @return completes when connection 0 registered; fails with a {@link ConnectorException} when edge discovery
     *     fails or the edge refuses the registration for good
     */
    public CompletableFuture<Void> start() {
        if (!this.started.compareAndSet(false, true)) {
            throw new IllegalStateException("This connector was already started; build a new one");
        }
        logger.info("Generated Connector ID: {}", this.connectorId);
        try {
            EdgeAddresses addresses = addresses();
            int haConnections = this.settings.haConnections();
            if (haConnections > addresses.size()) {
                logger.warn(
                        "You requested {} HA connections but I can give you at most {}.",
                        haConnections,
                        addresses.size());
                haConnections = addresses.size();
            }
            ScheduledExecutorService scheduler = scheduler();
            ProtocolSelector selector = new ProtocolSelector(
                    this.settings.protocol(), this.settings.clock(), this.settings.reprobeInterval());
            logger.info("Initial protocol {}", selector.current());
            SupervisorSettings supervision = new SupervisorSettings(
                    haConnections,
                    this.settings.retries(),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    8,
                    this.settings.reprobeInterval());
            Supervisor created = new Supervisor(
                    supervision,
                    addresses,
                    selector,
                    sessions(scheduler),
                    (this.settings.delayer() != null) ? this.settings.delayer() : Delayer.of(scheduler),
                    this.settings.clock(),
                    this.settings.random(),
                    this.listeners);
            created.recycleGrace(this.settings.gracePeriod());
            this.supervisor = created;
            return created.start();
        } catch (RuntimeException ex) {
            shutdownScheduler();
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Readiness as cloudflared's {@code /ready} reports it.
     *
     * @return the readiness
     */
    public Readiness readiness() {
        Supervisor current = this.supervisor;
        int ready = (current != null) ? current.connections().size() : 0;
        return new Readiness(ready, this.connectorId, this.draining);
    }

    /**
     * The registered connections.
     *
     * @return a snapshot, ordered by index
     */
    public List<ConnectionInfo> connections() {
        Supervisor current = this.supervisor;
        return (current != null) ? current.connections() : List.of();
    }

    /**
     * The ingress rules in force.
     *
     * @return the rules
     */
    public IngressRules rules() {
        return this.rules.current();
    }

    /**
     * The version of the remote configuration in force, -1 if none was pushed.
     *
     * @return the version
     */
    public int configVersion() {
        return this.rules.version();
    }

    /**
     * Replaces the ingress rules. They are validated first: an invalid table leaves the current one in force.
     * Requests already in flight finish on the table they started with.
     *
     * @param definitions the rules in order
     * @param globalOriginRequest the global {@code originRequest}, or null
     * @return the new rules
     * @throws io.tunnelagent.core.ingress.IngressValidationException with cloudflared's text for the first invalid
     *     rule
     */
    public IngressRules updateIngress(
            List<IngressRuleDefinition> definitions, @Nullable OriginRequestDefinition globalOriginRequest) {
        return this.rules.update(definitions, globalOriginRequest);
    }

    /**
     * Drains with the configured grace period and releases the connector's resources: readiness goes down,
     * every connection is unregistered, in-flight requests get up to the grace period, then the connections
     * close with code 0.
     *
     * @return completes when every connection is closed
     */
    public CompletableFuture<Void> stop() {
        return drain(this.settings.gracePeriod());
    }

    /**
     * Drains with a given grace period (at most 3 minutes).
     *
     * @param gracePeriod how long in-flight requests may take
     * @return completes when every connection is closed
     */
    public CompletableFuture<Void> drain(Duration gracePeriod) {
        ConnectorSettings.checkGracePeriod(gracePeriod);
        this.draining = true;
        Supervisor current = this.supervisor;
        CompletableFuture<Void> drained =
                (current != null) ? current.drain(gracePeriod) : CompletableFuture.completedFuture(null);
        return drained.whenComplete((ignored, error) -> shutdownScheduler());
    }

    /**
     * Closes every connection at once without unregistering; for tests and abnormal shutdown.
     *
     * @return completes when closed
     */
    public CompletableFuture<Void> close() {
        this.draining = true;
        Supervisor current = this.supervisor;
        CompletableFuture<Void> closed = (current != null) ? current.close() : CompletableFuture.completedFuture(null);
        return closed.whenComplete((ignored, error) -> shutdownScheduler());
    }

    private EdgeAddresses addresses() {
        if (!this.settings.edgeAddresses().isEmpty()) {
            return EdgeAddresses.ofStatic(this.settings.edgeAddresses(), this.settings.random());
        }
        return EdgeDiscovery.discover(
                this.settings.resolver(), this.settings.region(), this.settings.ipVersion(), this.settings.random());
    }

    private EdgeSessions sessions(ScheduledExecutorService scheduler) {
        EdgeSessions custom = this.settings.sessions();
        if (custom != null) {
            return custom;
        }
        ClientInfo clientInfo =
                ClientIdentity.clientInfo(this.connectorId, this.settings.version(), this.settings.postQuantum());
        return new TunnelEdgeSessions(
                this.settings.dialers(),
                this.settings.credentials().accountTag(),
                this.settings.credentials().secret(),
                this.settings.tunnelId(),
                clientInfo,
                this.rules,
                this.settings.dataStreamHandler(),
                () -> this.settings.localConfiguration().apply(this.rules.current()),
                this.listeners,
                scheduler,
                this.settings.rpcTimeout());
    }

    private synchronized ScheduledExecutorService scheduler() {
        ScheduledExecutorService configured = this.settings.scheduler();
        if (configured != null) {
            return configured;
        }
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(
                    task, "tunnel-connector-" + this.connectorId.toString().substring(0, 8));
            thread.setDaemon(true);
            return thread;
        });
        this.ownScheduler = own;
        return own;
    }

    private synchronized void shutdownScheduler() {
        ScheduledExecutorService own = this.ownScheduler;
        if (own != null) {
            own.shutdownNow();
            this.ownScheduler = null;
        }
    }
}
