package io.tunnelagent.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.protocol.registration.ClientInfo;
import io.tunnelagent.protocol.registration.ConnectionOptions;
import io.tunnelagent.protocol.registration.ConnectionResponse;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.TunnelAuth;
import io.tunnelagent.protocol.registration.TunnelRpcIds;
import io.tunnelagent.protocol.rpc.RemoteCapability;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.rpc.StreamRpcTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A minimal connector for tests: dials the edge, registers over the control stream with the RPC client, and
 * answers data streams like a tiny origin ({@link TestOrigin}).
 */
final class TestConnector implements AutoCloseable {

    private final EdgeDialer dialer;
    private final ScheduledExecutorService scheduler;
    private final TestOrigin origin;
    private TunnelConnection connection;
    private RpcConnection rpc;
    private RemoteCapability registration;

    TestConnector(EdgeDialer dialer, ScheduledExecutorService scheduler, TestOrigin origin) {
        this.dialer = dialer;
        this.scheduler = scheduler;
        this.origin = origin;
    }

    static X509Certificate[] roots(LocalEdge edge) {
        return new X509Certificate[] {edge.caCertificate()};
    }

    /** Dials and opens the control stream. */
    TestConnector connect(InetSocketAddress edge) throws Exception {
        connection = dialer.dial(edge).get(10, TimeUnit.SECONDS);
        connection.setIncomingStreamHandler(this::serve);
        var control = connection.controlStream().get(10, TimeUnit.SECONDS);
        StreamRpcTransport transport = StreamRpcTransport.writingOn(control, scheduler);
        rpc = RpcConnection.builder("test connector").scheduler(scheduler).build(transport);
        transport.start(rpc);
        registration = rpc.bootstrap();
        return this;
    }

    ConnectionResponse register(Tunnel tunnel, int connIndex, UUID connectorId) throws Exception {
        return register(tunnel.accountTag(), tunnel.secret(), tunnel.id(), connIndex, connectorId);
    }

    ConnectionResponse register(String accountTag, TunnelSecret secret, UUID tunnelId, int connIndex, UUID connectorId)
            throws Exception {
        ConnectionOptions options = new ConnectionOptions(
                new ClientInfo(connectorId, List.of("serialized_headers"), "test-1.0", "linux_amd64"),
                null,
                false,
                0,
                0);
        RegisterConnection.Params params =
                new RegisterConnection.Params(new TunnelAuth(accountTag, secret), tunnelId, connIndex, options);
        Content results = registration
                .call(TunnelRpcIds.REGISTRATION_SERVER, TunnelRpcIds.REGISTER_CONNECTION, content(params.encode()))
                .get(10, TimeUnit.SECONDS);
        return RegisterConnection.Results.read(
                        MessageReader.read(results.toFrame()).root())
                .result();
    }

    CompletableFuture<Content> call(int methodId, Content params) {
        return registration.call(TunnelRpcIds.REGISTRATION_SERVER, methodId, params);
    }

    void unregister() throws Exception {
        call(TunnelRpcIds.UNREGISTER_CONNECTION, Content.empty()).get(10, TimeUnit.SECONDS);
    }

    TunnelConnection connection() {
        return connection;
    }

    private void serve(IncomingStream incoming) {
        if (incoming instanceof IncomingDataStream data) {
            origin.serve(data);
        } else {
            incoming.stream().reset(0);
        }
    }

    static Content content(byte[] frame) {
        return Content.ofFrame(ByteBuffer.wrap(frame));
    }

    static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (rpc != null) {
            rpc.close();
        }
        if (connection != null) {
            connection
                    .close(0, "test done")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(ex -> null)
                    .join();
        }
    }
}
