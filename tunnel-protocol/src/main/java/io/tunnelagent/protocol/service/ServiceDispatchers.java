package io.tunnelagent.protocol.service;

import io.tunnelagent.protocol.config.UpdateConfiguration;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.UnregisterConnection;
import io.tunnelagent.protocol.registration.UpdateLocalConfiguration;
import io.tunnelagent.protocol.rpc.Capability;
import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.session.RegisterUdpSession;
import io.tunnelagent.protocol.session.UnregisterUdpSession;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Server dispatchers: turn an implementation into a {@link Capability} for
 * {@link io.tunnelagent.protocol.rpc.RpcConnection.Builder#bootstrap}. Calls to other interfaces or methods fail with
 * {@link RpcException.Kind#UNIMPLEMENTED}; undecodable parameters fail the call (not the connection).
 */
public final class ServiceDispatchers {

    private ServiceDispatchers() {}

    /**
     * Dispatches RegistrationServer calls (interface {@code 0xf71695ec7fe85497}).
     *
     * @param server the implementation
     * @return the capability
     */
    public static Capability registrationServer(RegistrationServer server) {
        Objects.requireNonNull(server, "server");
        return (interfaceId, methodId, params) -> {
            if (interfaceId == RegisterConnection.INTERFACE_ID) {
                switch (methodId) {
                    case RegisterConnection.METHOD_ID:
                        return invoke(() -> server.registerConnection(
                                        RegisterConnection.Params.read(Contents.read(params)))
                                .thenApply((response) -> Contents.of(new RegisterConnection.Results(response))));
                    case UnregisterConnection.METHOD_ID:
                        return invoke(() -> server.unregisterConnection()
                                .thenApply((done) -> Contents.of(new UnregisterConnection.Results())));
                    case UpdateLocalConfiguration.METHOD_ID:
                        return invoke(() -> server.updateLocalConfiguration(
                                        UpdateLocalConfiguration.Params.read(Contents.read(params)))
                                .thenApply((done) -> Contents.of(new UpdateLocalConfiguration.Results())));
                    default:
                        break;
                }
            }
            return unimplemented("RegistrationServer", interfaceId, methodId);
        };
    }

    /**
     * Dispatches SessionManager calls (interface {@code 0x839445a59fb01686}).
     *
     * @param sessions the implementation
     * @return the capability
     */
    public static Capability sessionManager(SessionManager sessions) {
        Objects.requireNonNull(sessions, "sessions");
        return (interfaceId, methodId, params) -> {
            CompletableFuture<Content> result = sessionCall(sessions, interfaceId, methodId, params);
            return (result != null) ? result : unimplemented("SessionManager", interfaceId, methodId);
        };
    }

    /**
     * Dispatches CloudflaredServer calls: SessionManager ({@code 0x839445a59fb01686}) and ConfigurationManager
     * ({@code 0xb48edfbdaa25db04}) methods, each under its declaring interface's ID.
     *
     * @param server the implementation
     * @return the capability
     */
    public static Capability cloudflaredServer(CloudflaredServer server) {
        Objects.requireNonNull(server, "server");
        return (interfaceId, methodId, params) -> {
            CompletableFuture<Content> result = sessionCall(server, interfaceId, methodId, params);
            if (result != null) {
                return result;
            }
            if (interfaceId == UpdateConfiguration.INTERFACE_ID && methodId == UpdateConfiguration.METHOD_ID) {
                return invoke(() -> server.updateConfiguration(UpdateConfiguration.Params.read(Contents.read(params)))
                        .thenApply((response) -> Contents.of(new UpdateConfiguration.Results(response))));
            }
            return unimplemented("CloudflaredServer", interfaceId, methodId);
        };
    }

    private static @Nullable CompletableFuture<Content> sessionCall(
            SessionManager sessions, long interfaceId, int methodId, Content params) {
        if (interfaceId != RegisterUdpSession.INTERFACE_ID) {
            return null;
        }
        if (methodId == RegisterUdpSession.METHOD_ID) {
            return invoke(() -> sessions.registerUdpSession(RegisterUdpSession.Params.read(Contents.read(params)))
                    .thenApply((response) -> Contents.of(new RegisterUdpSession.Results(response))));
        }
        if (methodId == UnregisterUdpSession.METHOD_ID) {
            return invoke(() -> sessions.unregisterUdpSession(UnregisterUdpSession.Params.read(Contents.read(params)))
                    .thenApply((done) -> Contents.of(new UnregisterUdpSession.Results())));
        }
        return null;
    }

    private static CompletableFuture<Content> invoke(Supplier<CompletableFuture<Content>> call) {
        try {
            return Objects.requireNonNull(call.get(), "the implementation returned no future");
        } catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private static CompletableFuture<Content> unimplemented(String server, long interfaceId, int methodId) {
        return CompletableFuture.failedFuture(RpcException.of(
                RpcException.Kind.UNIMPLEMENTED,
                String.format("%s does not implement method %d of interface 0x%016x", server, methodId, interfaceId)));
    }
}
