package io.tunnelagent.protocol.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.protocol.registration.ConnectionResponse;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.UpdateLocalConfiguration;
import io.tunnelagent.protocol.rpc.RemoteCapability;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.protocol.rpc.TestVectors;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed stubs and dispatchers against cloudflared's captured control streams. */
class ServiceGoldenTraceTests {

    private static final ConnectionDetails DETAILS =
            new ConnectionDetails(UUID.fromString("7e5c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b"), "LOCAL", false);

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    private final List<Object> received = new CopyOnWriteArrayList<>();

    private final Output out = new Output();

    ServiceGoldenTraceTests() {
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopScheduler() throws InterruptedException {
        this.scheduler.shutdownNow();
        assertThat(this.scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"quic", "quic+release", "h2"})
    void registrationServerAnswersCapturedClientBytesWithCapturedReplies(String trace) {
        RpcConnection server = RpcConnection.builder("edge")
                .scheduler(this.scheduler)
                .bootstrap(ServiceDispatchers.registrationServer(new Edge()))
                .build(this.out);
        String prefix = trace.startsWith("h2") ? "h2" : "quic";
        byte[] stream = trace.equals("quic")
                ? TestVectors.bytes("quic-control-c2s-stream.bin")
                : (trace.equals("h2") ? h2ClientStream() : quicStreamWithRelease());
        for (int i = 0; i < stream.length; i += 13) {
            server.receive(ByteBuffer.wrap(stream, i, Math.min(13, stream.length - i)));
        }
        assertThat(this.out.bytes())
                .isEqualTo(TestVectors.concat(
                        prefix + "-control-s2c-01-bootstrap-return.bin",
                        prefix + "-control-s2c-02-register-return.bin",
                        prefix + "-control-s2c-03-update-local-config-return.bin",
                        prefix + "-control-s2c-04-unregister-return.bin"));
        assertThat(server.closeFuture()).succeedsWithin(WAIT);
        assertThat(this.out.closed).isTrue();
        assertThat(this.received).hasSize(3);
        RegisterConnection.Params register = (RegisterConnection.Params) this.received.get(0);
        assertThat(register.auth().accountTag()).isEqualTo("ac1596cd251d5ed30c78646e5914a4fd");
        assertThat(register.tunnelId()).isEqualTo(UUID.fromString("fc452cc6-280f-42f5-a51c-2bc0ce093d5e"));
        assertThat(register.connIndex()).isZero();
        assertThat(register.options().client().version()).isEqualTo("2026.8.2");
        assertThat(register.options().client().arch()).isEqualTo("linux_amd64");
        assertThat(register.options().client().features())
                .containsExactlyInAnyOrder(
                        "allow_remote_config",
                        "serialized_headers",
                        "support_datagram_v2",
                        "support_quic_eof",
                        "management_logs");
        assertThat(((UpdateLocalConfiguration.Params) this.received.get(1)).configJson())
                .contains("\"protocol\":\"" + prefix.replace("h2", "http2") + "\"");
        assertThat(this.received.get(2)).isEqualTo("unregister");
    }

    @Test
    void registrationClientProducesCloudflaredsMessages() {
        RpcConnection client =
                RpcConnection.builder("connector").scheduler(this.scheduler).build(this.out);
        RemoteCapability bootstrap = client.bootstrap();
        RegistrationServer edge = ServiceStubs.registrationServer(bootstrap, null);
        RegisterConnection.Params params = registerParams("quic-control-c2s-02-register-call.bin");
        CompletableFuture<ConnectionResponse> registered = edge.registerConnection(params);
        assertThat(this.out.take())
                .containsExactly(
                        TestVectors.bytes("quic-control-c2s-01-bootstrap.bin"),
                        TestVectors.bytes("quic-control-c2s-02-register-call.bin"));
        client.receive(TestVectors.buffer("quic-control-s2c-01-bootstrap-return.bin"));
        client.receive(TestVectors.buffer("quic-control-s2c-02-register-return.bin"));
        assertThat(registered).succeedsWithin(WAIT).isEqualTo(DETAILS);
        assertThat(this.out.take())
                .containsExactly(
                        TestVectors.bytes("quic-control-c2s-03-finish-q0.bin"),
                        TestVectors.bytes("quic-control-c2s-04-finish-q1.bin"));
        UpdateLocalConfiguration.Params config = (UpdateLocalConfiguration.Params)
                callParams("quic-control-c2s-05-update-local-config-call.bin", UpdateLocalConfiguration.Params::read);
        CompletableFuture<Void> updated = edge.updateLocalConfiguration(config);
        List<byte[]> updateCall = this.out.take();
        assertThat(updateCall).hasSize(1);
        assertThat(MessageCodec.decode(ByteBuffer.wrap(updateCall.get(0))))
                .isEqualTo(MessageCodec.decode(TestVectors.buffer("quic-control-c2s-05-update-local-config-call.bin")));
        client.receive(TestVectors.buffer("quic-control-s2c-03-update-local-config-return.bin"));
        assertThat(updated).succeedsWithin(WAIT);
        CompletableFuture<Void> unregistered = edge.unregisterConnection();
        client.receive(TestVectors.buffer("quic-control-s2c-04-unregister-return.bin"));
        assertThat(unregistered).succeedsWithin(WAIT);
        assertThat(client.close()).succeedsWithin(WAIT);
        assertThat(this.out.take())
                .containsExactly(
                        TestVectors.bytes("quic-control-c2s-06-finish-q1.bin"),
                        TestVectors.bytes("quic-control-c2s-07-unregister-call.bin"),
                        TestVectors.bytes("quic-control-c2s-08-finish-q1.bin"),
                        TestVectors.bytes("quic-control-c2s-alt-release.bin"),
                        TestVectors.bytes("quic-control-c2s-09-abort.bin"));
        assertThat(this.out.closed).isTrue();
    }

    @Test
    void registerCallFromOurStubDecodesToTheSameValuesAsCloudflareds() {
        RpcConnection client =
                RpcConnection.builder("connector").scheduler(this.scheduler).build(this.out);
        RegisterConnection.Params params = registerParams("h2-control-c2s-02-register-call.bin");
        ServiceStubs.registrationServer(client.bootstrap(), null).registerConnection(params);
        List<byte[]> sent = this.out.take();
        RpcMessage.Call ours = (RpcMessage.Call) MessageCodec.decode(ByteBuffer.wrap(sent.get(1)));
        RpcMessage.Call theirs =
                (RpcMessage.Call) MessageCodec.decode(TestVectors.buffer("h2-control-c2s-02-register-call.bin"));
        assertThat(ours.target()).isEqualTo(theirs.target());
        assertThat(ours.interfaceId()).isEqualTo(theirs.interfaceId());
        assertThat(ours.methodId()).isEqualTo(theirs.methodId());
        assertThat(RegisterConnection.Params.read(Contents.read(ours.params().content())))
                .isEqualTo(params);
        client.close();
    }

    private static RegisterConnection.Params registerParams(String vector) {
        return (RegisterConnection.Params) callParams(vector, RegisterConnection.Params::read);
    }

    private static Object callParams(
            String vector, java.util.function.Function<io.tunnelagent.protocol.capnp.StructReader, ?> reader) {
        RpcMessage.Call call = (RpcMessage.Call) MessageCodec.decode(TestVectors.buffer(vector));
        return reader.apply(Contents.read(call.params().content()));
    }

    private static byte[] h2ClientStream() {
        List<String> names = new ArrayList<>();
        for (String name : new String[] {
            "01-bootstrap", "02-register-call", "03-finish-q0", "04-finish-q1", "05-update-local-config-call",
            "06-finish-q1", "07-unregister-call", "08-finish-q1", "09-release", "10-abort"
        }) {
            names.add("h2-control-c2s-" + name + ".bin");
        }
        return TestVectors.concat(names.toArray(String[]::new));
    }

    private static byte[] quicStreamWithRelease() {
        return TestVectors.concat(
                "quic-control-c2s-01-bootstrap.bin",
                "quic-control-c2s-02-register-call.bin",
                "quic-control-c2s-03-finish-q0.bin",
                "quic-control-c2s-04-finish-q1.bin",
                "quic-control-c2s-05-update-local-config-call.bin",
                "quic-control-c2s-06-finish-q1.bin",
                "quic-control-c2s-07-unregister-call.bin",
                "quic-control-c2s-08-finish-q1.bin",
                "quic-control-c2s-alt-release.bin",
                "quic-control-c2s-09-abort.bin");
    }

    private final class Edge implements RegistrationServer {

        @Override
        public CompletableFuture<ConnectionResponse> registerConnection(RegisterConnection.Params params) {
            ServiceGoldenTraceTests.this.received.add(params);
            return CompletableFuture.completedFuture(DETAILS);
        }

        @Override
        public CompletableFuture<Void> unregisterConnection() {
            ServiceGoldenTraceTests.this.received.add("unregister");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> updateLocalConfiguration(UpdateLocalConfiguration.Params params) {
            ServiceGoldenTraceTests.this.received.add(params);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final class Output implements RpcTransport {

        private final List<byte[]> frames = new ArrayList<>();

        private volatile boolean closed;

        @Override
        public synchronized void send(ByteBuffer frame) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            this.frames.add(bytes);
        }

        @Override
        public void close() {
            this.closed = true;
        }

        synchronized List<byte[]> take() {
            List<byte[]> taken = List.copyOf(this.frames);
            this.frames.clear();
            return taken;
        }

        synchronized byte[] bytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            take().forEach(bytes::writeBytes);
            return bytes.toByteArray();
        }
    }
}
