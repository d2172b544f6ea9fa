package io.tunnelagent.edge.registration;

import io.tunnelagent.edge.metrics.EdgeMetrics;
import io.tunnelagent.edge.tunnel.TunnelStore;
import io.tunnelagent.protocol.ProtocolException;
import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.protocol.registration.ConnectionError;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.TunnelRpcIds;
import io.tunnelagent.protocol.rpc.Capability;
import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.transport.TunnelConnection;
import java.nio.ByteBuffer;
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
        if (interfaceId != TunnelRpcIds.REGISTRATION_SERVER) {
            return unimplemented(interfaceId, methodId);
        }
        switch (methodId) {
            case TunnelRpcIds.REGISTER_CONNECTION:
                return CompletableFuture.completedFuture(register(params));
            case TunnelRpcIds.UNREGISTER_CONNECTION:
                unregister();
                return CompletableFuture.completedFuture(Content.empty());
            case TunnelRpcIds.UPDATE_LOCAL_CONFIGURATION:
                log.debug(
                        "[{}] Connector sent its local configuration ({} bytes)",
                        connection.remoteAddress(),
                        params.size());
                return CompletableFuture.completedFuture(Content.empty());
            default:
                return unimplemented(interfaceId, methodId);
        }
    }

    synchronized @Nullable LiveConnection registered() {
        return registered;
    }

    private synchronized Content register(Content params) {
        RegisterConnection.Params request;
        try {
            request = RegisterConnection.Params.read(io.tunnelagent.protocol.capnp.MessageReader.read(params.toFrame())
                    .root());
        } catch (ProtocolException | IllegalArgumentException ex) {
            metrics.registration("malformed");
            log.debug("[{}] Malformed registerConnection params: {}", connection.remoteAddress(), ex.getMessage());
            return error("Malformed registerConnection parameters: " + ex.getMessage(), false);
        }
        if (registered != null) {
            metrics.registration("error");
            return error(
                    "This connection is registered already as " + registered.id() + "; open a new connection", false);
        }
        TunnelStore.Verdict verdict = store.authenticate(
                request.auth().accountTag(), request.tunnelId(), request.auth().secret());
        if (verdict != TunnelStore.Verdict.ACCEPTED) {
            metrics.registration("unauthorized");
            log.info(
                    "Refused registration of connIndex {} for tunnel {} from {}: {}",
                    request.connIndex(),
                    request.tunnelId(),
                    connection.remoteAddress(),
                    verdict);
            return error(unauthorized(verdict), false);
        }
        UUID tunnelId = request.tunnelId();
        UUID connectorId = request.options().client().clientId();
        LiveConnection live = new LiveConnection(
                UUID.randomUUID(),
                tunnelId,
                request.connIndex(),
                connectorId,
                request.options().client().version(),
                clock.instant(),
                connection);
        if (!registry.register(live)) {
            metrics.registration("duplicate");
            return results(new ConnectionError(ConnectionError.DUPLICATE_CONNECTION, Duration.ofSeconds(1), true));
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
                request.options().client().version(),
                live.protocol());
        return results(new ConnectionDetails(live.id(), location, false));
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

    private static Content error(String cause, boolean shouldRetry) {
        return results(new ConnectionError(cause, Duration.ZERO, shouldRetry));
    }

    private static Content results(io.tunnelagent.protocol.registration.ConnectionResponse response) {
        CapnpStruct results = new RegisterConnection.Results(response);
        return Content.ofFrame(ByteBuffer.wrap(results.encode()));
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
                String.format(
                        "Method %d of interface 0x%016x is not implemented by this edge", methodId, interfaceId)));
    }
}
