package io.tunnelagent.edge.registration;

import io.tunnelagent.edge.metrics.EdgeMetrics;
import io.tunnelagent.edge.tunnel.TunnelStore;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.rpc.StreamRpcTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves connector connections from any {@link io.tunnelagent.transport.EdgeListener}: takes each connection's
 * control stream, serves {@code RegistrationServer} on it, closes connections that do not register in time, and
 * closes an unregistered connection once its in-flight requests end (bounded by a grace period).
 */
public final class ConnectorSessions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectorSessions.class);

    private final TunnelStore store;
    private final ConnectionRegistry registry;
    private final EdgeMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Settings settings;
    private final Set<TunnelConnection> open = ConcurrentHashMap.newKeySet();

    /**
     * Creates the sessions.
     *
     * @param store the tunnel store that authenticates registrations
     * @param registry where registered connections go
     * @param metrics the metrics
     * @param scheduler the scheduler for RPC and registration timeouts
     * @param clock the clock
     * @param settings the timeouts and location name
     */
    public ConnectorSessions(
            TunnelStore store,
            ConnectionRegistry registry,
            EdgeMetrics metrics,
            ScheduledExecutorService scheduler,
            Clock clock,
            Settings settings) {
        this.store = store;
        this.registry = registry;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.clock = clock;
        this.settings = Objects.requireNonNull(settings);
    }

    /**
     * Serves a newly established connector connection.
     *
     * @param connection the connection
     */
    public void accept(TunnelConnection connection) {
        open.add(connection);
        connection.closeFuture().thenRun(() -> open.remove(connection));
        connection.setIncomingStreamHandler(ConnectorSessions::refuse);
        String name = "control " + connection.protocol() + " " + connection.remoteAddress();
        connection.controlStream().whenComplete((stream, failure) -> {
            if (failure != null) {
                log.debug("[{}] No control stream: {}", name, failure.getMessage());
                connection.close(0, "no control stream");
                return;
            }
            serve(connection, stream, name);
        });
    }

    private void serve(TunnelConnection connection, TunnelStream stream, String name) {
        StreamRpcTransport transport = StreamRpcTransport.writingOn(stream, scheduler);
        CompletableFuture<RpcConnection> rpcRef = new CompletableFuture<>();
        RegistrationService service = new RegistrationService(
                connection,
                store,
                registry,
                metrics,
                clock,
                settings.location(),
                () -> rpcRef.thenAccept(rpc -> closeWhenDrained(connection, rpc)));
        RpcConnection rpc = RpcConnection.builder(name)
                .bootstrap(service)
                .scheduler(scheduler)
                .callTimeout(settings.rpcTimeout())
                .build(transport);
        rpcRef.complete(rpc);
        transport.start(rpc);
        connection.closeFuture().thenRun(rpc::close);
        rpc.closeFuture().thenRun(() -> {
            if (service.registered() == null) {
                connection.close(0, "control stream closed");
            }
        });
        scheduler.schedule(
                () -> {
                    if (service.registered() == null
                            && !connection.closeFuture().isDone()) {
                        log.info(
                                "[{}] Connector did not register within {} ms; closing",
                                name,
                                settings.registrationTimeout().toMillis());
                        connection.close(0, "registration timeout");
                    }
                },
                settings.registrationTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void closeWhenDrained(TunnelConnection connection, RpcConnection rpc) {
        LiveConnectionDrain.after(connection, rpc, registryEntry(connection), settings, scheduler);
    }

    private LiveConnection[] registryEntry(TunnelConnection connection) {
        return registry.connections().stream()
                .filter(live -> live.transport() == connection)
                .toArray(LiveConnection[]::new);
    }

    private static void refuse(IncomingStream stream) {
        stream.stream().reset(0);
    }

    /** Closes every connector connection. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (TunnelConnection connection : open) {
            closing.add(connection.close(0, "edge shutting down"));
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(ex -> null)
                .join();
    }

    /**
     * Timeouts and the location name.
     *
     * @param location the location name shown by connectors ({@code LOCAL})
     * @param rpcTimeout the timeout of edge-initiated RPC calls
     * @param registrationTimeout how long a connection may stay unregistered
     * @param gracePeriod how long an unregistered connection may keep serving in-flight requests
     * @param closeDelay how long to wait after the last in-flight request before closing, so the connector
     *     receives the unregister answer and can close first
     */
    public record Settings(
            String location,
            Duration rpcTimeout,
            Duration registrationTimeout,
            Duration gracePeriod,
            Duration closeDelay) {

        /**
         * The defaults: location {@code LOCAL}, 5 s RPC timeout, 15 s to register, 30 s grace, 1 s close delay.
         *
         * @return the settings
         */
        public static Settings defaults() {
            return new Settings(
                    "LOCAL",
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(1));
        }
    }
}
