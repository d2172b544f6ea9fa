package io.tunnelagent.core.connector.session;

import io.tunnelagent.core.connector.DataStreamHandler;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.registration.ControlClient;
import io.tunnelagent.core.connector.rules.ConfigurationUpdate;
import io.tunnelagent.core.connector.rules.RulesHolder;
import io.tunnelagent.core.connector.supervisor.EdgeSession;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.transport.ConnectionClosed;
import io.tunnelagent.transport.IncomingConfigurationUpdate;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.IncomingRpcStream;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.rpc.StreamRpcTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registered connection serving the edge's streams: data streams go to the {@link DataStreamHandler} with the
 * rules read once per stream, RPC streams to the {@link CloudflaredServer}, HTTP/2 configuration updates to the
 * same version rules. Counts in-flight requests so that a drain can wait for them.
 */
final class ServedSession implements EdgeSession {

    private static final Logger logger = LoggerFactory.getLogger(ServedSession.class);

    private final int connIndex;

    private final TunnelConnection connection;

    private final RulesHolder rules;

    private final DataStreamHandler handler;

    private final CloudflaredServer cloudflaredServer;

    private final ScheduledExecutorService scheduler;

    private final Duration rpcTimeout;

    private final List<CompletableFuture<Void>> quiescedWaiters = new ArrayList<>();

    private volatile @Nullable ControlClient control;

    private volatile @Nullable ConnectionInfo info;

    private int inFlight;

    ServedSession(
            int connIndex,
            TunnelConnection connection,
            RulesHolder rules,
            DataStreamHandler handler,
            CloudflaredServer cloudflaredServer,
            ScheduledExecutorService scheduler,
            Duration rpcTimeout) {
        this.connIndex = connIndex;
        this.connection = connection;
        this.rules = rules;
        this.handler = handler;
        this.cloudflaredServer = cloudflaredServer;
        this.scheduler = scheduler;
        this.rpcTimeout = rpcTimeout;
    }

    void registered(ControlClient controlClient, ConnectionInfo registration) {
        this.control = controlClient;
        this.info = registration;
    }

    @Override
    public ConnectionInfo info() {
        ConnectionInfo registration = this.info;
        if (registration == null) {
            throw new IllegalStateException("conn " + this.connIndex + " is not registered yet");
        }
        return registration;
    }

    @Override
    public CompletableFuture<String> ended() {
        return this.connection.closeFuture().thenApply(ServedSession::describe);
    }

    @Override
    public CompletableFuture<Void> unregister(Duration timeout) {
        ControlClient controlClient = this.control;
        return (controlClient != null) ? controlClient.unregister(timeout) : CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> quiesced() {
        if (this.inFlight == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        this.quiescedWaiters.add(waiter);
        return waiter;
    }

    @Override
    public CompletableFuture<Void> close() {
        ControlClient controlClient = this.control;
        CompletableFuture<Void> rpcClosed =
                (controlClient != null) ? controlClient.close() : CompletableFuture.completedFuture(null);
        return rpcClosed.handle((ignored, error) -> null).thenCompose((ignored) -> this.connection.close(0, ""));
    }

    void accept(IncomingStream stream) {
        if (stream instanceof IncomingDataStream data) {
            serve(data);
        } else if (stream instanceof IncomingRpcStream rpc) {
            serveRpc(rpc);
        } else if (stream instanceof IncomingConfigurationUpdate update) {
            ConfigurationUpdate result = this.cloudflaredServer.apply(update.version(), update.config());
            update.respond(result.latestAppliedVersion(), result.error());
        }
    }

    private void serve(IncomingDataStream data) {
        synchronized (this) {
            this.inFlight++;
        }
        data.stream().closeFuture().whenComplete((ignored, error) -> finished());
        try {
            this.handler.handle(data, this.rules.current());
        } catch (RuntimeException ex) {
            logger.warn(
                    "conn {} stream {}: request handler failed: {}",
                    this.connIndex,
                    data.stream().id(),
                    ex.toString());
            data.stream().reset(0);
        }
    }

    private void finished() {
        List<CompletableFuture<Void>> waiters;
        synchronized (this) {
            this.inFlight--;
            if (this.inFlight > 0) {
                return;
            }
            waiters = new ArrayList<>(this.quiescedWaiters);
            this.quiescedWaiters.clear();
        }
        waiters.forEach((waiter) -> waiter.complete(null));
    }

    private void serveRpc(IncomingRpcStream incoming) {
        StreamRpcTransport transport = StreamRpcTransport.direct(incoming.stream());
        RpcConnection rpc = RpcConnection.builder(
                        "conn " + this.connIndex + " rpc " + incoming.stream().id())
                .bootstrap(this.cloudflaredServer)
                .scheduler(this.scheduler)
                .callTimeout(this.rpcTimeout)
                .build(transport);
        transport.start(rpc);
        var teardown = this.scheduler.schedule(rpc::close, this.rpcTimeout.toMillis(), TimeUnit.MILLISECONDS);
        rpc.closeFuture().thenRun(() -> teardown.cancel(false));
    }

    private static String describe(ConnectionClosed closed) {
        String who = closed.byPeer() ? "closed by the edge" : "closed";
        String reason = closed.reason().isEmpty() ? "" : ": " + closed.reason();
        Throwable cause = closed.cause();
        String because = (cause != null) ? " (" + cause.getMessage() + ")" : "";
        return who + " with code " + closed.errorCode() + reason + because;
    }
}
