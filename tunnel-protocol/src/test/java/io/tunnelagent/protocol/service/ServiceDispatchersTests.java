package io.tunnelagent.protocol.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.config.UpdateConfiguration;
import io.tunnelagent.protocol.config.UpdateConfigurationResponse;
import io.tunnelagent.protocol.registration.ConnectionError;
import io.tunnelagent.protocol.registration.ConnectionResponse;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.TunnelRpcIds;
import io.tunnelagent.protocol.registration.UpdateLocalConfiguration;
import io.tunnelagent.protocol.rpc.Capability;
import io.tunnelagent.protocol.rpc.RemoteCapability;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.transport.InMemoryPipe;
import io.tunnelagent.protocol.session.RegisterUdpSession;
import io.tunnelagent.protocol.session.RegisterUdpSessionResponse;
import io.tunnelagent.protocol.session.UnregisterUdpSession;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stubs and dispatchers talking over an in-memory pipe. */
class ServiceDispatchersTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private RpcConnection server;

    private RpcConnection client;

    @AfterEach
    void close() throws InterruptedException {
        this.client.close();
        assertThat(this.server.closeFuture()).succeedsWithin(WAIT);
        for (Thread thread : this.threads) {
            thread.join(WAIT.toMillis());
            assertThat(thread.isAlive()).isFalse();
        }
        this.scheduler.shutdownNow();
        assertThat(this.scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void cloudflaredServerDispatchesSessionAndConfigurationCallsByDeclaringInterface() {
        List<Object> calls = new CopyOnWriteArrayList<>();
        RemoteCapability capability = connect(ServiceDispatchers.cloudflaredServer(new CloudflaredServer() {

            @Override
            public CompletableFuture<RegisterUdpSessionResponse> registerUdpSession(RegisterUdpSession.Params params) {
                calls.add(params);
                return CompletableFuture.completedFuture(new RegisterUdpSessionResponse("", new byte[] {1, 2}));
            }

            @Override
            public CompletableFuture<Void> unregisterUdpSession(UnregisterUdpSession.Params params) {
                calls.add(params);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<UpdateConfigurationResponse> updateConfiguration(
                    UpdateConfiguration.Params params) {
                calls.add(params);
                return CompletableFuture.completedFuture(new UpdateConfigurationResponse(params.version(), ""));
            }
        }));
        CloudflaredServer connector = ServiceStubs.cloudflaredServer(capability, WAIT);
        UUID session = UUID.randomUUID();
        RegisterUdpSession.Params register = new RegisterUdpSession.Params(
                session, InetAddress.getLoopbackAddress(), 53, Duration.ofSeconds(30), "");
        assertThat(connector.registerUdpSession(register))
                .succeedsWithin(WAIT)
                .isEqualTo(new RegisterUdpSessionResponse("", new byte[] {1, 2}));
        assertThat(connector.unregisterUdpSession(new UnregisterUdpSession.Params(session, "idle")))
                .succeedsWithin(WAIT);
        UpdateConfiguration.Params update =
                new UpdateConfiguration.Params(7, "{\"ingress\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThat(connector.updateConfiguration(update))
                .succeedsWithin(WAIT)
                .isEqualTo(new UpdateConfigurationResponse(7, ""));
        assertThat(calls).containsExactly(register, new UnregisterUdpSession.Params(session, "idle"), update);
    }

    @Test
    void unknownMethodsAndInterfacesAreUnimplemented() {
        RemoteCapability capability = connect(ServiceDispatchers.registrationServer(new FailingEdge()));
        assertUnimplemented(capability.call(TunnelRpcIds.REGISTRATION_SERVER, 7, Content.empty()));
        assertUnimplemented(capability.call(TunnelRpcIds.TUNNEL_SERVER, 0, Content.empty()));
        assertUnimplemented(capability.call(TunnelRpcIds.CLOUDFLARED_SERVER, 0, Content.empty()));
    }

    @Test
    void implementationFailuresAndRegistrationErrorsReachTheStub() {
        RemoteCapability capability = connect(ServiceDispatchers.registrationServer(new FailingEdge()));
        RegistrationServer edge = ServiceStubs.registrationServer(capability, null);
        assertThat(edge.unregisterConnection())
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        RpcException.class,
                        (ex) -> assertThat(ex.remoteReason()).isEqualTo("not registered"));
        assertThat(edge.updateLocalConfiguration(new UpdateLocalConfiguration.Params(new byte[] {'{', '}'})))
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        RpcException.class,
                        (ex) -> assertThat(ex.remoteReason()).isEqualTo("boom"));
    }

    private RemoteCapability connect(Capability bootstrap) {
        this.scheduler.setRemoveOnCancelPolicy(true);
        InMemoryPipe pipe = InMemoryPipe.create("service", (task) -> {
            Thread thread = Executors.defaultThreadFactory().newThread(task);
            thread.setDaemon(true);
            this.threads.add(thread);
            return thread;
        });
        this.server = RpcConnection.builder("edge")
                .scheduler(this.scheduler)
                .bootstrap(bootstrap)
                .build(pipe.left());
        pipe.left().start(this.server);
        this.client =
                RpcConnection.builder("connector").scheduler(this.scheduler).build(pipe.right());
        pipe.right().start(this.client);
        return this.client.bootstrap();
    }

    private static void assertUnimplemented(CompletableFuture<Content> call) {
        assertThat(call)
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(RpcException.class, (ex) -> {
                    assertThat(ex.kind()).isEqualTo(RpcException.Kind.UNIMPLEMENTED);
                    assertThat(ex.remoteReason()).contains("does not implement");
                });
    }

    private static final class FailingEdge implements RegistrationServer {

        @Override
        public CompletableFuture<ConnectionResponse> registerConnection(RegisterConnection.Params params) {
            return CompletableFuture.completedFuture(new ConnectionError("EDUPCONN", Duration.ZERO, false));
        }

        @Override
        public CompletableFuture<Void> unregisterConnection() {
            return CompletableFuture.failedFuture(new IllegalStateException("not registered"));
        }

        @Override
        public CompletableFuture<Void> updateLocalConfiguration(UpdateLocalConfiguration.Params params) {
            throw new IllegalArgumentException("boom");
        }
    }
}
