package io.tunnelagent.edge.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.edge.metrics.EdgeMetrics;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.edge.tunnel.TunnelStore;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.protocol.rpc.message.CapDescriptor;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.ReturnKind;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import io.tunnelagent.transport.TransportProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Feeds the control-stream bytes cloudflared 2026.8.2 sent (captured over QUIC and HTTP/2) to the registration
 * server and checks that the replies have the structure of the replies cloudflared accepted.
 */
class RegistrationVectorsTests {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void quicControlStreamWithoutReleaseGetsTheRepliesCloudflaredAccepts() throws Exception {
        replay("quic", TransportProtocol.QUIC, List.of("quic-control-c2s-08-finish-q1", "quic-control-c2s-09-abort"));
    }

    @Test
    void quicControlStreamWithReleaseBeforeAbortGetsTheRepliesCloudflaredAccepts() throws Exception {
        replay(
                "quic",
                TransportProtocol.QUIC,
                List.of("quic-control-c2s-08-finish-q1", "quic-control-c2s-alt-release", "quic-control-c2s-09-abort"));
    }

    @Test
    void http2ControlStreamGetsTheRepliesCloudflaredAccepts() throws Exception {
        replay(
                "h2",
                TransportProtocol.HTTP2,
                List.of("h2-control-c2s-08-finish-q1", "h2-control-c2s-09-release", "h2-control-c2s-10-abort"));
    }

    private void replay(String prefix, TransportProtocol protocol, List<String> shutdown) throws Exception {
        byte[] registerCall = vector(prefix + "-control-c2s-02-register-call");
        RegisterConnection.Params params = paramsOf(registerCall);
        Tunnel tunnel = new Tunnel(
                params.tunnelId(),
                "golden",
                params.auth().accountTag(),
                params.auth().secret(),
                Instant.EPOCH);
        TunnelStore store = new TunnelStore(
                new TunnelStore.State(tunnel.accountTag(), List.of(tunnel), List.of()),
                state -> {},
                Clock.systemUTC(),
                new SecureRandom(),
                "localhost");
        ConnectionRegistry registry = new ConnectionRegistry();
        StubConnection connection = new StubConnection(protocol);
        AtomicInteger unregistered = new AtomicInteger();
        RegistrationService service = new RegistrationService(
                connection,
                store,
                registry,
                EdgeMetrics.noop(),
                Clock.systemUTC(),
                "LOCAL",
                unregistered::incrementAndGet);
        Capture capture = new Capture();
        RpcConnection rpc = RpcConnection.builder("vectors")
                .bootstrap(service)
                .scheduler(scheduler)
                .build(capture);

        rpc.receive(ByteBuffer.wrap(vector(prefix + "-control-c2s-01-bootstrap")));
        rpc.receive(ByteBuffer.wrap(registerCall));
        RpcMessage.Return bootstrap = capture.nextReturn();
        RpcMessage.Return golden = goldenReturn(prefix + "-control-s2c-01-bootstrap-return");
        assertThat(bootstrap.answerId()).isEqualTo(golden.answerId()).isZero();
        assertThat(bootstrap.kind()).isEqualTo(ReturnKind.RESULTS);
        assertThat(bootstrap.results().content().capabilityIndex())
                .isEqualTo(golden.results().content().capabilityIndex());
        assertThat(bootstrap.results().capTable())
                .extracting(CapDescriptor::kind)
                .containsExactly(CapDescriptor.Kind.SENDER_HOSTED);

        RpcMessage.Return registered = capture.nextReturn();
        RpcMessage.Return goldenRegistered = goldenReturn(prefix + "-control-s2c-02-register-return");
        assertThat(registered.answerId()).isEqualTo(goldenRegistered.answerId());
        ConnectionDetails details =
                (ConnectionDetails) results(registered.results().content()).result();
        ConnectionDetails goldenDetails = (ConnectionDetails)
                results(goldenRegistered.results().content()).result();
        assertThat(details.locationName()).isEqualTo(goldenDetails.locationName());
        assertThat(details.tunnelIsRemotelyManaged()).isEqualTo(goldenDetails.tunnelIsRemotelyManaged());
        assertThat(registry.connections(tunnel.id()))
                .extracting(LiveConnection::id)
                .containsExactly(details.uuid());
        assertThat(registry.connections(tunnel.id()).get(0).clientVersion()).isEqualTo("2026.8.2");

        rpc.receive(ByteBuffer.wrap(vector(prefix + "-control-c2s-03-finish-q0")));
        rpc.receive(ByteBuffer.wrap(vector(prefix + "-control-c2s-04-finish-q1")));
        rpc.receive(ByteBuffer.wrap(vector(prefix + "-control-c2s-05-update-local-config-call")));
        assertThat(capture.nextReturn()).isEqualTo(goldenReturn(prefix + "-control-s2c-03-update-local-config-return"));

        rpc.receive(ByteBuffer.wrap(vector(prefix + "-control-c2s-06-finish-q1")));
        rpc.receive(ByteBuffer.wrap(vector(prefix + "-control-c2s-07-unregister-call")));
        assertThat(capture.nextReturn()).isEqualTo(goldenReturn(prefix + "-control-s2c-04-unregister-return"));
        assertThat(registry.connections(tunnel.id()).get(0).isDraining()).isTrue();
        assertThat(unregistered).hasValue(1);

        for (String name : shutdown) {
            rpc.receive(ByteBuffer.wrap(vector(name)));
        }
        rpc.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(capture.sent)
                .allSatisfy(frame -> assertThat(MessageCodec.decode(frame)).isNotInstanceOf(RpcMessage.Abort.class));
        connection.close(0, "done");
        assertThat(registry.connections(tunnel.id())).isEmpty();
    }

    private static RegisterConnection.Params paramsOf(byte[] callFrame) {
        RpcMessage.Call call = (RpcMessage.Call) MessageCodec.decode(ByteBuffer.wrap(callFrame));
        return RegisterConnection.Params.read(
                MessageReader.read(call.params().content().toFrame()).root());
    }

    private static RegisterConnection.Results results(Content content) {
        return RegisterConnection.Results.read(
                MessageReader.read(content.toFrame()).root());
    }

    private static RpcMessage.Return goldenReturn(String name) throws IOException {
        return (RpcMessage.Return) MessageCodec.decode(ByteBuffer.wrap(vector(name)));
    }

    static byte[] vector(String name) throws IOException {
        try (InputStream in = RegistrationVectorsTests.class.getResourceAsStream("/vectors/" + name + ".bin")) {
            assertThat(in).as("vector %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Collects what the server sends. */
    private static final class Capture implements RpcTransport {

        final BlockingQueue<ByteBuffer> queue = new LinkedBlockingQueue<>();
        final List<ByteBuffer> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void send(ByteBuffer frame) {
            ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
            sent.add(copy.duplicate());
            queue.add(copy);
        }

        @Override
        public void close() {}

        RpcMessage.Return nextReturn() throws InterruptedException {
            ByteBuffer frame = queue.poll(5, TimeUnit.SECONDS);
            assertThat(frame).as("a reply within 5 s").isNotNull();
            return (RpcMessage.Return) MessageCodec.decode(frame);
        }
    }
}
