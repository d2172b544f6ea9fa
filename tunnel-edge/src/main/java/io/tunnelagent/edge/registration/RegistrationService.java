package io.tunnelagent.edge.registration;

import io.tunnelagent.edge.metrics.EdgeMetrics;
import io.tunnelagent.edge.tunnel.TunnelStore;
import io.tunnelagent.protocol.ProtocolException;
import io.tunnelagent.protocol.rpc.Capability;
import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.transport.TunnelConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap capability of one connector connection's control stream: {@code RegistrationServer}
 * ({@code 0xf71695ec7fe85497}) with {@code registerConnection}, {@code unregisterConnection} and
 * {@code updateLocalConfiguration} (protocol doc 4.4 and 4.5).
 */
final class RegistrationService implements Capability {

    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final TunnelConnection connection;
    private final TunnelStore store;
    private final ConnectionRegistry registry;
    private final EdgeMetrics metrics;
    private final Clock clock;
    private final String location;
    private final Runnable onUnregister;
    private @Nullable LiveConnection registered;

    RegistrationService(
            TunnelConnection connection,
            TunnelStore store,
            ConnectionRegistry registry,
            EdgeMetrics metrics,
            Clock clock,
            String location,
            Runnable onUnregister) {
        this.connection = connection;
        this.store = store;
        this.registry = registry;
        this.metrics = metrics;
        this.clock = clock;
        this.location = location;
        this.onUnregister = onUnregister;
    }

    @Override
    public CompletableFuture<Content> call(long interfaceId, int methodId, Content params) {
        if (interfaceId != RegisterRequest.INTERFACE_ID) {
            return unimplemented(interfaceId, methodId);
        }
        switch (methodId) {
            case RegisterRequest.REGISTER_CONNECTION:
                return CompletableFuture.completedFuture(register(params));
            case RegisterRequest.UNREGISTER_CONNECTION:
                unregister();
                return CompletableFuture.completedFuture(Content.empty());
            case RegisterRequest.UPDATE_LOCAL_CONFIGURATION:
                log.debug("[{}] Connector sent its local configuration ({} bytes)", connection.remoteAddress(), params.size());
                return CompletableFuture.completedFuture(Content.empty());
            default:
                return unimplemented(interfaceId, methodId);
        }
    }

    synchronized @Nullable LiveConnection registered() {
        return registered;
    }

    private synchronized Content register(Content params) {
        RegisterRequest request;
        try {
            request = RegisterRequest.decode(params);
        } catch (ProtocolException | IllegalArgumentException ex) {
            metrics.registration("malformed");
            log.debug("[{}] Malformed registerConnection params: {}", connection.remoteAddress(), ex.getMessage());
            return RegisterResults.error(
                    "Malformed registerConnection parameters: " + ex.getMessage(), false, Duration.ZERO);
        }
        if (registered != null) {
            metrics.registration("error");
            return RegisterResults.error(
                    "This connection is registered already as " + registered.id() + "; open a new connection",
                    false,
                    Duration.ZERO);
        }
        TunnelStore.Verdict verdict = store.authenticate(request.accountTag(), request.tunnelId(), request.secret());
        if (verdict != TunnelStore.Verdict.ACCEPTED) {
            metrics.registration("unauthorized");
            log.info(
                    "Refused registration of connIndex {} for tunnel {} from {}: {}",
                    request.connIndex(),
                    request.tunnelId(),
                    connection.remoteAddress(),
                    verdict);
            return RegisterResults.error(unauthorized(verdict), false, Duration.ZERO);
        }
        UUID tunnelId = java.util.Objects.requireNonNull(request.tunnelId());
        UUID connectorId = (request.connectorId() != null) ? request.connectorId() : UUID.randomUUID();
        LiveConnection live = new LiveConnection(
                UUID.randomUUID(),
                tunnelId,
                request.connIndex(),
                connectorId,
                request.version(),
                clock.instant(),
                connection);
        if (!registry.register(live)) {
            metrics.registration("duplicate");
            return RegisterResults.error(RegisterResults.DUPLICATE_CONNECTION, true, Duration.ofSeconds(1));
        }
        registered = live;
        connection.closeFuture().thenRun(() -> registry.remove(live));
        metrics.registration("success");
        log.info(
                "Registered connection {} (connIndex {}) of tunnel {} from connector {} {} over {}",
                live.id(),
                live.connIndex(),
                tunnelId,
                connectorId,
                request.version(),
                live.protocol());
        return RegisterResults.details(live.id(), location);
    }

    private void unregister() {
        LiveConnection live;
        synchronized (this) {
            live = registered;
        }
        if (live != null) {
            log.info("Connection {} of tunnel {} unregistered; draining", live.id(), live.tunnelId());
            live.drain();
        }
        onUnregister.run();
    }

    private static String unauthorized(TunnelStore.Verdict verdict) {
        switch (verdict) {
            case UNKNOWN_TUNNEL:
                return "Unauthorized: no tunnel with this id exists on this edge; create it with the admin API";
            case WRONG_ACCOUNT:
                return "Unauthorized: the account tag does not match the tunnel; use the tunnel's credentials file";
            default:
                return "Unauthorized: the tunnel secret is wrong; use the tunnel's current credentials";
        }
    }

    private static CompletableFuture<Content> unimplemented(long interfaceId, int methodId) {
        return CompletableFuture.failedFuture(RpcException.of(
                RpcException.Kind.UNIMPLEMENTED,
                String.format("Method %d of interface 0x%016x is not implemented by this edge", methodId, interfaceId)));
    }
}
