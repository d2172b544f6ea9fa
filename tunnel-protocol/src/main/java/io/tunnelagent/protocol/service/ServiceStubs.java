package io.tunnelagent.protocol.service;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.config.UpdateConfiguration;
import io.tunnelagent.protocol.config.UpdateConfigurationResponse;
import io.tunnelagent.protocol.registration.ConnectionResponse;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.UnregisterConnection;
import io.tunnelagent.protocol.registration.UpdateLocalConfiguration;
import io.tunnelagent.protocol.rpc.RemoteCapability;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.session.RegisterUdpSession;
import io.tunnelagent.protocol.session.RegisterUdpSessionResponse;
import io.tunnelagent.protocol.session.UnregisterUdpSession;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Client stubs: typed views of a peer's capability. Each call sends the interface ID that declares the method and
 * waits up to the given timeout (or the connection's default).
 */
public final class ServiceStubs {

    private ServiceStubs() {}

    /**
     * Returns a RegistrationServer stub (the connector's view of the edge's control-stream bootstrap).
     *
     * @param capability the edge's capability
     * @param timeout the per-call timeout, or {@code null} for the connection's default
     * @return the stub
     */
    public static RegistrationServer registrationServer(RemoteCapability capability, @Nullable Duration timeout) {
        Caller caller = new Caller(capability, timeout);
        return new RegistrationServer() {

            @Override
            public CompletableFuture<ConnectionResponse> registerConnection(RegisterConnection.Params params) {
                return caller.call(RegisterConnection.INTERFACE_ID, RegisterConnection.METHOD_ID, params)
                        .thenApply((results) ->
                                RegisterConnection.Results.read(results).result());
            }

            @Override
            public CompletableFuture<Void> unregisterConnection() {
                return caller.call(
                                UnregisterConnection.INTERFACE_ID,
                                UnregisterConnection.METHOD_ID,
                                new UnregisterConnection.Params())
                        .thenApply((results) -> null);
            }

            @Override
            public CompletableFuture<Void> updateLocalConfiguration(UpdateLocalConfiguration.Params params) {
                return caller.call(UpdateLocalConfiguration.INTERFACE_ID, UpdateLocalConfiguration.METHOD_ID, params)
                        .thenApply((results) -> null);
            }
        };
    }

    /**
     * Returns a CloudflaredServer stub (the edge's view of a connector's RPC-stream bootstrap); it also serves as a
     * SessionManager or ConfigurationManager stub.
     *
     * @param capability the connector's capability
     * @param timeout the per-call timeout, or {@code null} for the connection's default
     * @return the stub
     */
    public static CloudflaredServer cloudflaredServer(RemoteCapability capability, @Nullable Duration timeout) {
        Caller caller = new Caller(capability, timeout);
        return new CloudflaredServer() {

            @Override
            public CompletableFuture<RegisterUdpSessionResponse> registerUdpSession(RegisterUdpSession.Params params) {
                return caller.call(RegisterUdpSession.INTERFACE_ID, RegisterUdpSession.METHOD_ID, params)
                        .thenApply((results) ->
                                RegisterUdpSession.Results.read(results).result());
            }

            @Override
            public CompletableFuture<Void> unregisterUdpSession(UnregisterUdpSession.Params params) {
                return caller.call(UnregisterUdpSession.INTERFACE_ID, UnregisterUdpSession.METHOD_ID, params)
                        .thenApply((results) -> null);
            }

            @Override
            public CompletableFuture<UpdateConfigurationResponse> updateConfiguration(
                    UpdateConfiguration.Params params) {
                return caller.call(UpdateConfiguration.INTERFACE_ID, UpdateConfiguration.METHOD_ID, params)
                        .thenApply((results) ->
                                UpdateConfiguration.Results.read(results).result());
            }
        };
    }

    private record Caller(
            RemoteCapability capability, @Nullable Duration timeout) {

        Caller {
            Objects.requireNonNull(capability, "capability");
        }

        CompletableFuture<StructReader> call(long interfaceId, int methodId, CapnpStruct params) {
            Content content = Contents.of(params);
            CompletableFuture<Content> results = (this.timeout != null)
                    ? this.capability.call(interfaceId, methodId, content, this.timeout)
                    : this.capability.call(interfaceId, methodId, content);
            return results.thenApply(Contents::read);
        }
    }
}
