package io.tunnelagent.core.connector.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.supervisor.SessionException;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The control stream against the edge's answers as captured on the wire: what goes out must decode to what
 * cloudflared sent, apart from the fields that vary between runs.
 */
class ControlClientTests {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    private final RecordingTransport transport = new RecordingTransport();

    private final RpcConnection rpc = RpcConnection.builder("test control")
            .scheduler(this.scheduler)
            .callTimeout(Duration.ofSeconds(5))
            .build(this.transport);

    @AfterEach
    void shutdown() {
        this.rpc.close();
        this.scheduler.shutdownNow();
    }

    @Test
    void registrationIsBootstrapThenPipelinedCallWithCloudflaredsValues() throws Exception {
        RegisterConnection.Params golden = goldenParams();
        ControlClient client = new ControlClient(this.rpc);
        CompletableFuture<ConnectionDetails> registered = client.register(golden, Duration.ofSeconds(5));
        assertThat(this.transport.frames).hasSize(2);
        assertThat(this.transport.frame(0)).isEqualTo(Vectors.load("quic-control-c2s-01-bootstrap"));
        RpcMessage.Call call = (RpcMessage.Call) MessageCodec.decode(ByteBuffer.wrap(this.transport.frame(1)));
        RpcMessage.Call goldenCall = (RpcMessage.Call)
                MessageCodec.decode(ByteBuffer.wrap(Vectors.load("quic-control-c2s-02-register-call")));
        assertThat(call.questionId()).isEqualTo(goldenCall.questionId());
        assertThat(call.target()).isEqualTo(goldenCall.target());
        assertThat(call.interfaceId()).isEqualTo(0xf71695ec7fe85497L);
        assertThat(call.methodId()).isZero();
        assertThat(params(call)).isEqualTo(golden);

        this.rpc.receive(ByteBuffer.wrap(Vectors.load("quic-control-s2c-01-bootstrap-return")));
        this.rpc.receive(ByteBuffer.wrap(Vectors.load("quic-control-s2c-02-register-return")));
        ConnectionDetails details = registered.get(5, TimeUnit.SECONDS);
        assertThat(details.uuid()).isEqualTo(UUID.fromString("7e5c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b"));
        assertThat(details.locationName()).isEqualTo("LOCAL");
        assertThat(details.tunnelIsRemotelyManaged()).isFalse();
        assertThat(this.transport.frame(2)).isEqualTo(Vectors.load("quic-control-c2s-03-finish-q0"));
        assertThat(this.transport.frame(3)).isEqualTo(Vectors.load("quic-control-c2s-04-finish-q1"));
    }

    @Test
    void localConfigurationPushTargetsTheImportedBootstrapCapability() throws Exception {
        ControlClient client = registered();
        CompletableFuture<Void> pushed = client.updateLocalConfiguration("{}".getBytes(), Duration.ofSeconds(5));
        RpcMessage.Call call = (RpcMessage.Call) MessageCodec.decode(ByteBuffer.wrap(this.transport.frame(4)));
        assertThat(call.methodId()).isEqualTo(2);
        assertThat(call.questionId()).isEqualTo(1);
        this.rpc.receive(ByteBuffer.wrap(Vectors.load("quic-control-s2c-03-update-local-config-return")));
        pushed.get(5, TimeUnit.SECONDS);
        assertThat(this.transport.frame(5)).isEqualTo(Vectors.load("quic-control-c2s-06-finish-q1"));
    }

    @Test
    void shutdownSendsUnregisterFinishReleaseAbortLikeCloudflared() throws Exception {
        ControlClient client = registered();
        CompletableFuture<Void> unregistered = client.unregister(Duration.ofSeconds(30));
        RpcMessage.Call call = (RpcMessage.Call) MessageCodec.decode(ByteBuffer.wrap(this.transport.frame(4)));
        RpcMessage.Call golden = (RpcMessage.Call)
                MessageCodec.decode(ByteBuffer.wrap(Vectors.load("quic-control-c2s-07-unregister-call")));
        assertThat(call.questionId()).isEqualTo(golden.questionId());
        assertThat(call.target()).isEqualTo(golden.target());
        assertThat(call.interfaceId()).isEqualTo(golden.interfaceId());
        assertThat(call.methodId()).isEqualTo(golden.methodId());
        assertThat(call.params().capTable()).isEmpty();
        this.rpc.receive(ByteBuffer.wrap(Vectors.load("quic-control-s2c-04-unregister-return")));
        unregistered.get(5, TimeUnit.SECONDS);
        assertThat(this.transport.frame(5)).isEqualTo(Vectors.load("quic-control-c2s-08-finish-q1"));
        client.close().get(5, TimeUnit.SECONDS);
        assertThat(this.transport.frame(6)).isEqualTo(Vectors.load("quic-control-c2s-alt-release"));
        assertThat(this.transport.frame(7)).isEqualTo(Vectors.load("quic-control-c2s-09-abort"));
        assertThat(this.transport.closed).isTrue();
    }

    @Test
    void registrationWithoutAnAnswerFailsAsAControlStreamErrorAfterTheTimeout() {
        ControlClient client = new ControlClient(this.rpc);
        CompletableFuture<ConnectionDetails> registered = client.register(goldenParams(), Duration.ofMillis(50));
        assertThatExceptionOfType(Exception.class)
                .isThrownBy(() -> registered.get(5, TimeUnit.SECONDS))
                .havingCause()
                .isInstanceOfSatisfying(
                        SessionException.class,
                        (ex) -> assertThat(ex.failure().kind()).isEqualTo(ConnectionFailure.Kind.CONTROL_STREAM));
    }

    private ControlClient registered() throws Exception {
        ControlClient client = new ControlClient(this.rpc);
        CompletableFuture<ConnectionDetails> registered = client.register(goldenParams(), Duration.ofSeconds(5));
        this.rpc.receive(ByteBuffer.wrap(Vectors.load("quic-control-s2c-01-bootstrap-return")));
        this.rpc.receive(ByteBuffer.wrap(Vectors.load("quic-control-s2c-02-register-return")));
        registered.get(5, TimeUnit.SECONDS);
        assertThat(this.transport.frames).hasSize(4);
        return client;
    }

    private static RegisterConnection.Params goldenParams() {
        RpcMessage.Call call = (RpcMessage.Call)
                MessageCodec.decode(ByteBuffer.wrap(Vectors.load("quic-control-c2s-02-register-call")));
        return params(call);
    }

    private static RegisterConnection.Params params(RpcMessage.Call call) {
        ByteBuffer frame = call.params().content().toFrame();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return RegisterConnection.Params.decode(bytes);
    }

    static final class RecordingTransport implements RpcTransport {

        final List<byte[]> frames = new ArrayList<>();

        volatile boolean closed;

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

        synchronized byte[] frame(int index) {
            return this.frames.get(index);
        }
    }
}
