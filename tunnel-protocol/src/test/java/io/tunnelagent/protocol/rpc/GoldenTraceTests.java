package io.tunnelagent.protocol.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine against cloudflared's captured control streams, with an untyped capability that answers like the
 * scripted edge did.
 */
class GoldenTraceTests {

    private static final long REGISTRATION_SERVER = 0xf71695ec7fe85497L;

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    private final List<Integer> methods = new ArrayList<>();

    GoldenTraceTests() {
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopScheduler() throws InterruptedException {
        this.scheduler.shutdownNow();
        assertThat(this.scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void serverAnswersCloudflaredQuicControlStreamWithTheCapturedBytes() {
        RecordingTransport out = new RecordingTransport();
        RpcConnection server = server(out);
        feed(server, TestVectors.bytes("quic-control-c2s-stream.bin"), 1432);
        assertThat(out.takeBytes()).isEqualTo(TestVectors.bytes("quic-control-s2c-stream.bin"));
        assertCleanClose(server, out);
        assertThat(this.methods).containsExactly(0, 2, 1);
    }

    @Test
    void serverAcceptsTheShutdownSequenceWithRelease() {
        RecordingTransport out = new RecordingTransport();
        RpcConnection server = server(out);
        byte[] stream = TestVectors.concat(
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
        feed(server, stream, 7);
        assertThat(out.takeBytes()).isEqualTo(TestVectors.bytes("quic-control-s2c-stream.bin"));
        assertCleanClose(server, out);
    }

    @Test
    void serverAnswersCloudflaredHttp2ControlStreamWithTheCapturedBytes() {
        RecordingTransport out = new RecordingTransport();
        RpcConnection server = server(out);
        byte[] stream = TestVectors.concat(
                "h2-control-c2s-01-bootstrap.bin",
                "h2-control-c2s-02-register-call.bin",
                "h2-control-c2s-03-finish-q0.bin",
                "h2-control-c2s-04-finish-q1.bin",
                "h2-control-c2s-05-update-local-config-call.bin",
                "h2-control-c2s-06-finish-q1.bin",
                "h2-control-c2s-07-unregister-call.bin",
                "h2-control-c2s-08-finish-q1.bin",
                "h2-control-c2s-09-release.bin",
                "h2-control-c2s-10-abort.bin");
        feedRandomly(server, stream, new Random(42));
        assertThat(out.takeBytes())
                .isEqualTo(TestVectors.concat(
                        "h2-control-s2c-01-bootstrap-return.bin",
                        "h2-control-s2c-02-register-return.bin",
                        "h2-control-s2c-03-update-local-config-return.bin",
                        "h2-control-s2c-04-unregister-return.bin"));
        assertCleanClose(server, out);
    }

    @Test
    void clientProducesCloudflaredsControlStreamBytes() {
        RecordingTransport out = new RecordingTransport();
        RpcConnection client =
                RpcConnection.builder("client").scheduler(this.scheduler).build(out);
        RemoteCapability registration = client.bootstrap();
        CompletableFuture<Content> registered =
                registration.call(REGISTRATION_SERVER, 0, contentOf("quic-control-c2s-02-register-call.bin"));
        assertThat(out.takeBytes())
                .isEqualTo(TestVectors.concat(
                        "quic-control-c2s-01-bootstrap.bin", "quic-control-c2s-02-register-call.bin"));
        client.receive(TestVectors.buffer("quic-control-s2c-01-bootstrap-return.bin"));
        assertThat(out.takeBytes()).isEqualTo(TestVectors.bytes("quic-control-c2s-03-finish-q0.bin"));
        client.receive(TestVectors.buffer("quic-control-s2c-02-register-return.bin"));
        assertThat(out.takeBytes()).isEqualTo(TestVectors.bytes("quic-control-c2s-04-finish-q1.bin"));
        assertThat(registered).isCompletedWithValue(resultsOf("quic-control-s2c-02-register-return.bin"));
        CompletableFuture<Content> updated = registration.call(
                REGISTRATION_SERVER, 2, contentOf("quic-control-c2s-05-update-local-config-call.bin"));
        assertThat(out.takeBytes()).isEqualTo(TestVectors.bytes("quic-control-c2s-05-update-local-config-call.bin"));
        client.receive(TestVectors.buffer("quic-control-s2c-03-update-local-config-return.bin"));
        assertThat(out.takeBytes()).isEqualTo(TestVectors.bytes("quic-control-c2s-06-finish-q1.bin"));
        assertThat(updated).isCompletedWithValue(Content.empty());
        CompletableFuture<Content> unregistered = registration.call(REGISTRATION_SERVER, 1, Content.empty());
        assertThat(out.takeBytes()).isEqualTo(TestVectors.bytes("quic-control-c2s-07-unregister-call.bin"));
        client.receive(TestVectors.buffer("quic-control-s2c-04-unregister-return.bin"));
        assertThat(out.takeBytes()).isEqualTo(TestVectors.bytes("quic-control-c2s-08-finish-q1.bin"));
        assertThat(unregistered).isCompletedWithValue(Content.empty());
        assertThat(client.close()).succeedsWithin(java.time.Duration.ofSeconds(5));
        assertThat(out.takeBytes())
                .isEqualTo(TestVectors.concat("quic-control-c2s-alt-release.bin", "quic-control-c2s-09-abort.bin"));
        assertThat(out.closed()).isTrue();
        assertThat(this.scheduler.getQueue()).isEmpty();
    }

    private RpcConnection server(RecordingTransport out) {
        Content registered = resultsOf("quic-control-s2c-02-register-return.bin");
        return RpcConnection.builder("edge")
                .scheduler(this.scheduler)
                .bootstrap((interfaceId, methodId, params) -> {
                    assertThat(interfaceId).isEqualTo(REGISTRATION_SERVER);
                    this.methods.add(methodId);
                    return CompletableFuture.completedFuture((methodId == 0) ? registered : Content.empty());
                })
                .build(out);
    }

    private void assertCleanClose(RpcConnection server, RecordingTransport out) {
        assertThat(server.isOpen()).isFalse();
        assertThat(server.closeFuture()).succeedsWithin(java.time.Duration.ofSeconds(5));
        assertThat(out.closed()).isTrue();
        assertThat(out.frames()).isEmpty();
    }

    private static void feed(RpcConnection connection, byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            connection.receive(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)));
        }
    }

    private static void feedRandomly(RpcConnection connection, byte[] bytes, Random random) {
        int i = 0;
        while (i < bytes.length) {
            int length = Math.min(1 + random.nextInt(100), bytes.length - i);
            connection.receive(ByteBuffer.wrap(bytes, i, length));
            i += length;
        }
    }

    static Content contentOf(String callVector) {
        return ((RpcMessage.Call) MessageCodec.decode(TestVectors.buffer(callVector)))
                .params()
                .content();
    }

    static Content resultsOf(String returnVector) {
        return ((RpcMessage.Return) MessageCodec.decode(TestVectors.buffer(returnVector)))
                .results()
                .content();
    }
}
