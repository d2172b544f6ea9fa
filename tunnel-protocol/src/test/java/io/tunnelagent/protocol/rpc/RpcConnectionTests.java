package io.tunnelagent.protocol.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.capnp.MessageBuilder;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.MessageTarget;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.transport.InMemoryPipe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RpcConnectionTests {

    private static final long INTERFACE = 0xf71695ec7fe85497L;

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestThreads threads = new TestThreads();

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    private final List<CompletableFuture<Content>> pending = new CopyOnWriteArrayList<>();

    private InMemoryPipe pipe;

    private RecordingTransport clientOut;

    private RpcConnection server;

    private RpcConnection client;

    private boolean serverStarted;

    @BeforeEach
    void connect() {
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.pipe = InMemoryPipe.create("test", this.threads);
        this.server = RpcConnection.builder("server")
                .scheduler(this.scheduler)
                .bootstrap(this::serve)
                .build(this.pipe.left());
        this.clientOut = new RecordingTransport(this.pipe.right());
        this.client = RpcConnection.builder("client").scheduler(this.scheduler).build(this.clientOut);
        this.pipe.right().start(this.client);
    }

    /** Starts delivering the client's messages to the server (held back until then, like a slow network). */
    private void startServer() {
        if (!this.serverStarted) {
            this.serverStarted = true;
            this.pipe.left().start(this.server);
        }
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        startServer();
        this.client.close();
        this.server.close();
        assertThat(this.threads.awaitAllEnded(WAIT)).isEmpty();
        assertThat(this.scheduler.getQueue()).isEmpty();
        this.scheduler.shutdownNow();
        assertThat(this.scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private CompletableFuture<Content> serve(long interfaceId, int methodId, Content params) {
        return switch (methodId) {
            case 0 -> CompletableFuture.completedFuture(greeting("hello " + textOf(params)));
            case 1 -> CompletableFuture.completedFuture(Content.empty());
            case 2 -> CompletableFuture.failedFuture(new IllegalStateException("tunnel not found"));
            case 3 -> CompletableFuture.failedFuture(RpcException.of(RpcException.Kind.OVERLOADED, "busy"));
            default -> {
                CompletableFuture<Content> never = new CompletableFuture<>();
                this.pending.add(never);
                yield never;
            }
        };
    }

    @Test
    void pipelinedCallOnBootstrapIsAnsweredThenLaterCallsUseTheImport() {
        RemoteCapability capability = this.client.bootstrap();
        CompletableFuture<Content> pipelined = capability.call(INTERFACE, 0, greeting("pipelined"));
        startServer();
        assertThat(pipelined)
                .succeedsWithin(WAIT)
                .extracting(RpcConnectionTests::textOf)
                .isEqualTo("hello pipelined");
        assertThat(capability.call(INTERFACE, 1, Content.empty()))
                .succeedsWithin(WAIT)
                .isEqualTo(Content.empty());
        capability.release();
        assertThat(this.client.close()).succeedsWithin(WAIT);
        assertThat(this.server.closeFuture()).succeedsWithin(WAIT);
        List<RpcMessage> sent = this.clientOut.messages();
        assertThat(sent.get(0)).isEqualTo(new RpcMessage.Bootstrap(0));
        assertThat(sent.get(1))
                .asInstanceOf(InstanceOfAssertFactories.type(RpcMessage.Call.class))
                .extracting(RpcMessage.Call::target)
                .isEqualTo(new MessageTarget.PromisedAnswer(0, List.of()));
        assertThat(sent.subList(2, 4))
                .containsExactly(new RpcMessage.Finish(0, false), new RpcMessage.Finish(1, false));
        assertThat(sent.get(4))
                .asInstanceOf(InstanceOfAssertFactories.type(RpcMessage.Call.class))
                .satisfies((call) -> assertThat(call.questionId()).isEqualTo(1))
                .extracting(RpcMessage.Call::target)
                .isEqualTo(new MessageTarget.ImportedCap(0));
        assertThat(sent.subList(5, sent.size()))
                .containsExactly(
                        new RpcMessage.Finish(1, false),
                        new RpcMessage.Release(0, 1),
                        new RpcMessage.Abort(
                                io.tunnelagent.protocol.rpc.message.ExceptionInfo.failed("rpc: shutdown")));
    }

    @Test
    void serverFailureReachesTheClientWithTheReason() {
        startServer();
        RemoteCapability capability = this.client.bootstrap();
        assertThat(capability.call(INTERFACE, 2, Content.empty()))
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(RpcException.class, (ex) -> {
                    assertThat(ex.kind()).isEqualTo(RpcException.Kind.FAILED);
                    assertThat(ex.remoteReason()).isEqualTo("tunnel not found");
                });
        assertThat(capability.call(INTERFACE, 3, Content.empty()))
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        RpcException.class, (ex) -> assertThat(ex.kind()).isEqualTo(RpcException.Kind.OVERLOADED));
        assertThat(this.client.isOpen()).isTrue();
    }

    @Test
    void timedOutCallSendsFinishAndIgnoresTheLateReturn() {
        startServer();
        RemoteCapability capability = this.client.bootstrap();
        assertThat(capability.call(INTERFACE, 9, Content.empty(), Duration.ofMillis(50)))
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(RpcException.class, (ex) -> {
                    assertThat(ex.kind()).isEqualTo(RpcException.Kind.TIMEOUT);
                    assertThat(ex.getMessage()).contains("timed out after PT0.05S");
                });
        RpcMessage.Call timedOut = this.clientOut.messages().stream()
                .filter((message) -> message instanceof RpcMessage.Call call && call.methodId() == 9)
                .map(RpcMessage.Call.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(this.clientOut.messages()).contains(new RpcMessage.Finish(timedOut.questionId(), true));
        // The server may get the call only after the client gave up on it (a loaded machine): wait for it.
        awaitPending(1);
        assertThat(this.pending)
                .singleElement()
                .satisfies((call) -> assertThat(call).failsWithin(WAIT));
        assertThat(capability.call(INTERFACE, 0, greeting("again")))
                .succeedsWithin(WAIT)
                .extracting(RpcConnectionTests::textOf)
                .isEqualTo("hello again");
        assertThat(this.client.isOpen()).isTrue();
    }

    @Test
    void peerVanishingMidCallFailsEveryPendingCallPromptly() throws InterruptedException {
        startServer();
        RemoteCapability capability = this.client.bootstrap();
        CompletableFuture<Content> first = capability.call(INTERFACE, 8, Content.empty(), Duration.ofMinutes(5));
        CompletableFuture<Content> second = capability.call(INTERFACE, 9, Content.empty(), Duration.ofMinutes(5));
        assertThat(this.server.isOpen()).isTrue();
        awaitPending(2);
        this.pipe.left().reset(new IOException("connection reset by peer"));
        for (CompletableFuture<Content> call : List.of(first, second)) {
            assertThat(call)
                    .failsWithin(WAIT)
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOfSatisfying(RpcException.class, (ex) -> {
                        assertThat(ex.kind()).isEqualTo(RpcException.Kind.DISCONNECTED);
                        assertThat(ex.getMessage())
                                .isEqualTo("RPC connection closed: java.io.IOException: connection reset by peer");
                    });
        }
        assertThat(this.client.closeFuture()).succeedsWithin(WAIT);
        assertThat(this.server.closeFuture()).succeedsWithin(WAIT);
        assertThat(this.pending).allSatisfy((call) -> assertThat(call).isCancelled());
        assertThat(this.threads.awaitAllEnded(WAIT)).isEmpty();
        assertThat(this.scheduler.getQueue()).isEmpty();
        assertThat(capability.call(INTERFACE, 0, Content.empty()))
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(RpcException.class);
    }

    @Test
    void closingTheServerFailsClientCallsWithTheAbortReason() {
        startServer();
        RemoteCapability capability = this.client.bootstrap();
        CompletableFuture<Content> call = capability.call(INTERFACE, 9, Content.empty());
        awaitPending(1);
        this.server.close();
        assertThat(call)
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        RpcException.class,
                        (ex) -> assertThat(ex.remoteReason()).isEqualTo("rpc: shutdown"));
        assertThat(this.client.closeFuture()).succeedsWithin(WAIT);
    }

    private void awaitPending(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (this.pending.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(this.pending).hasSize(count);
    }

    static Content greeting(String text) {
        MessageBuilder builder = new MessageBuilder();
        builder.initRoot(0, 1).setText(0, text);
        return Content.ofFrame(ByteBuffer.wrap(builder.toFramedBytes()));
    }

    static String textOf(Content content) {
        byte[] frame = new byte[content.size()];
        content.toFrame().get(frame);
        return MessageReader.decode(frame).root().getText(0);
    }
}
