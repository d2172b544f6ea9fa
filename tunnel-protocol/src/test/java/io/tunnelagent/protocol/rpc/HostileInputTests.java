package io.tunnelagent.protocol.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.ExceptionInfo;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.MessageTarget;
import io.tunnelagent.protocol.rpc.message.Payload;
import io.tunnelagent.protocol.rpc.message.ReturnKind;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that breaks the protocol gets an Abort, an exception Return or an {@code unimplemented} echo. */
class HostileInputTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    private final RecordingTransport out = new RecordingTransport();

    private final RpcConnection connection = RpcConnection.builder("hostile")
            .scheduler(this.scheduler)
            .maxAnswers(16)
            .maxMessageBytes(4096)
            .bootstrap((interfaceId, methodId, params) -> CompletableFuture.completedFuture(Content.empty()))
            .build(this.out);

    HostileInputTests() {
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopScheduler() throws InterruptedException {
        this.connection.close();
        this.scheduler.shutdownNow();
        assertThat(this.scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void floodOfBootstrapsWithoutFinishIsAborted() {
        for (int i = 0; i < 17; i++) {
            feed(new RpcMessage.Bootstrap(i));
        }
        List<RpcMessage> sent = this.out.messages();
        assertThat(sent).hasSize(17);
        assertThat(sent.subList(0, 16))
                .allSatisfy((message) -> assertThat(message).isInstanceOf(RpcMessage.Return.class));
        assertAborted(sent.get(16), "too many unfinished questions (limit 16)");
    }

    @Test
    void floodOfCallsWithoutFinishIsAborted() {
        feed(new RpcMessage.Bootstrap(0));
        for (int i = 1; i < 100; i++) {
            feed(new RpcMessage.Call(i, new MessageTarget.ImportedCap(0), 1, 0, Payload.of(Content.empty())));
        }
        List<RpcMessage> sent = this.out.messages();
        assertAborted(sent.get(sent.size() - 1), "too many unfinished questions");
        assertThat(sent).hasSize(17);
    }

    @Test
    void bootstrapsAndCallsThatAreFinishedNeverHitTheLimit() {
        feed(new RpcMessage.Bootstrap(0));
        feed(new RpcMessage.Finish(0, false));
        for (int i = 0; i < 1000; i++) {
            feed(new RpcMessage.Call(1, new MessageTarget.ImportedCap(0), 1, 0, Payload.of(Content.empty())));
            feed(new RpcMessage.Finish(1, false));
        }
        assertThat(this.connection.isOpen()).isTrue();
        assertThat(this.out.messages()).hasSize(1001);
    }

    @Test
    void reusingAnUnfinishedQuestionIdIsAborted() {
        feed(new RpcMessage.Bootstrap(0));
        feed(new RpcMessage.Bootstrap(0));
        assertAborted(last(), "question ID 0 is still in use (no Finish yet)");
    }

    @Test
    void callToUnknownImportGetsAnExceptionReturn() {
        feed(new RpcMessage.Call(3, new MessageTarget.ImportedCap(7), 1, 0, Payload.of(Content.empty())));
        assertThat(last())
                .isEqualTo(
                        RpcMessage.Return.exception(3, ExceptionInfo.failed("rpc: call on unknown capability ID 7")));
        feed(new RpcMessage.Call(4, new MessageTarget.PromisedAnswer(9, List.of()), 1, 0, Payload.of(Content.empty())));
        assertThat(last())
                .isEqualTo(RpcMessage.Return.exception(
                        4, ExceptionInfo.failed("rpc: call pipelined on unknown question 9")));
        assertThat(this.connection.isOpen()).isTrue();
    }

    @Test
    void pipelinedCallThroughANonCapabilityFieldGetsAnExceptionReturn() {
        feed(new RpcMessage.Bootstrap(0));
        feed(new RpcMessage.Call(
                1, new MessageTarget.PromisedAnswer(0, List.of(2)), 1, 0, Payload.of(Content.empty())));
        assertThat(last()).isInstanceOfSatisfying(RpcMessage.Return.class, (ret) -> {
            assertThat(ret.kind()).isEqualTo(ReturnKind.EXCEPTION);
            assertThat(ret.exception().reason()).startsWith("rpc: Malformed Cap'n Proto message: expected a struct");
        });
    }

    @Test
    void callPipelinedOnAnAnswerNotReturnedYetWaitsForIt() {
        CompletableFuture<Content> slow = new CompletableFuture<>();
        RecordingTransport output = new RecordingTransport();
        RpcConnection server = RpcConnection.builder("queue")
                .scheduler(this.scheduler)
                .bootstrap((interfaceId, methodId, params) ->
                        (methodId == 0) ? slow : CompletableFuture.completedFuture(Content.empty()))
                .build(output);
        server.receive(MessageCodec.encode(new RpcMessage.Bootstrap(0)));
        server.receive(MessageCodec.encode(new RpcMessage.Call(
                1, new MessageTarget.PromisedAnswer(0, List.of()), 1, 0, Payload.of(Content.empty()))));
        server.receive(MessageCodec.encode(new RpcMessage.Call(
                2, new MessageTarget.PromisedAnswer(1, List.of()), 1, 5, Payload.of(Content.empty()))));
        assertThat(output.messages()).hasSize(1);
        slow.complete(Content.capability(0));
        List<RpcMessage> sent = output.messages();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1)).isEqualTo(RpcMessage.Return.results(1, Payload.of(Content.capability(0))));
        assertThat(sent.get(2)).isInstanceOfSatisfying(RpcMessage.Return.class, (ret) -> {
            assertThat(ret.answerId()).isEqualTo(2);
            assertThat(ret.kind()).isEqualTo(ReturnKind.EXCEPTION);
        });
        server.close();
    }

    @Test
    void finishForARunningCallCancelsItAndAnswersCanceled() {
        CompletableFuture<Content> slow = new CompletableFuture<>();
        RecordingTransport output = new RecordingTransport();
        RpcConnection server = RpcConnection.builder("cancel")
                .scheduler(this.scheduler)
                .bootstrap((interfaceId, methodId, params) -> slow)
                .build(output);
        server.receive(MessageCodec.encode(new RpcMessage.Bootstrap(0)));
        server.receive(MessageCodec.encode(new RpcMessage.Call(
                1, new MessageTarget.PromisedAnswer(0, List.of()), 1, 0, Payload.of(Content.empty()))));
        server.receive(MessageCodec.encode(new RpcMessage.Finish(1, true)));
        assertThat(slow).isCancelled();
        assertThat(output.messages().get(1)).isEqualTo(RpcMessage.Return.canceled(1));
        server.receive(MessageCodec.encode(
                new RpcMessage.Call(1, new MessageTarget.ImportedCap(0), 1, 0, Payload.of(Content.empty()))));
        assertThat(server.isOpen()).isTrue();
        server.close();
    }

    @Test
    void finishForUnknownQuestionIsAborted() {
        feed(new RpcMessage.Finish(9, false));
        assertAborted(last(), "Finish for unknown question 9");
    }

    @Test
    void returnForUnknownQuestionIsAborted() {
        feed(RpcMessage.Return.results(3, Payload.of(Content.empty())));
        assertAborted(last(), "Return for unknown question 3");
    }

    @Test
    void releaseOfUnknownExportIsAborted() {
        feed(new RpcMessage.Release(5, 1));
        assertAborted(last(), "Release of 1 references to export ID 5 that holds fewer");
    }

    @Test
    void truncatedMessageThenEndOfStreamClosesTheConnection() {
        byte[] bootstrap = TestVectors.bytes("quic-control-c2s-01-bootstrap.bin");
        this.connection.receive(ByteBuffer.wrap(bootstrap, 0, 30));
        assertThat(this.out.frames()).isEmpty();
        this.connection.inputClosed();
        assertThat(this.connection.closeFuture()).succeedsWithin(WAIT);
        assertThat(this.out.closed()).isTrue();
    }

    @Test
    void pointerOutOfBoundsIsAborted() {
        byte[] bootstrap = TestVectors.bytes("quic-control-c2s-01-bootstrap.bin");
        bootstrap[8] = 0x40;
        this.connection.receive(ByteBuffer.wrap(bootstrap));
        assertAborted(last(), "Malformed Cap'n Proto message: pointer out of bounds");
    }

    @Test
    void oversizedFrameIsAbortedBeforeItsBytesArrive() {
        this.connection.receive(ByteBuffer.wrap(TestVectors.hex("00000000 00100000")));
        assertAborted(last(), "larger than the frame limit of 4096 bytes");
    }

    @Test
    void tooManySegmentsIsAborted() {
        this.connection.receive(ByteBuffer.wrap(TestVectors.hex("ff000000 00000000")));
        assertAborted(last(), "segments");
    }

    @Test
    void unknownMessageKindsAreEchoedAsUnimplemented() {
        for (int tag : new int[] {5, 7, 9, 10, 11, 12, 13, 42}) {
            byte[] message =
                    TestVectors.hex("00000000 03000000 | 00000000 01000100 | 00000000 00000000 | 00000000 00000000");
            message[8 + 8] = (byte) tag;
            this.connection.receive(ByteBuffer.wrap(message));
            assertThat(last()).isEqualTo(new RpcMessage.Unimplemented(new RpcMessage.Unsupported(tag)));
        }
        assertThat(this.connection.isOpen()).isTrue();
    }

    @Test
    void callWithResultsSentElsewhereIsEchoedAsUnimplemented() {
        byte[] call = TestVectors.bytes("quic-control-c2s-07-unregister-call.bin");
        call[8 + 3 * 8 + 6] = 1;
        this.connection.receive(ByteBuffer.wrap(call));
        assertThat(last()).isEqualTo(new RpcMessage.Unimplemented(new RpcMessage.Unsupported(2)));
    }

    @Test
    void unimplementedEchoOfOurCallFailsIt() {
        RemoteCapability capability = this.connection.bootstrap();
        CompletableFuture<Content> call = capability.call(1, 0, Content.empty());
        RpcMessage.Call sent = (RpcMessage.Call) this.out.messages().get(1);
        feed(new RpcMessage.Unimplemented(sent));
        assertThat(call)
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        RpcException.class, (ex) -> assertThat(ex.kind()).isEqualTo(RpcException.Kind.UNIMPLEMENTED));
        feed(new RpcMessage.Unimplemented(new RpcMessage.Finish(0, true)));
        assertThat(this.connection.isOpen()).isTrue();
    }

    @Test
    void unsupportedReturnVariantIsEchoedAndFailsTheCall() {
        RemoteCapability capability = this.connection.bootstrap();
        CompletableFuture<Content> call = capability.call(1, 0, Content.empty());
        feed(new RpcMessage.Return(1, false, ReturnKind.TAKE_FROM_OTHER_QUESTION, null, null));
        List<RpcMessage> sent = this.out.messages();
        assertThat(sent.get(sent.size() - 2)).isInstanceOf(RpcMessage.Unimplemented.class);
        assertThat(sent.get(sent.size() - 1)).isEqualTo(new RpcMessage.Finish(1, true));
        assertThat(call)
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(
                        RpcException.class, (ex) -> assertThat(ex.kind()).isEqualTo(RpcException.Kind.UNIMPLEMENTED));
    }

    @Test
    void bootstrapAnsweredWithoutCapabilityBreaksTheCapability() {
        RemoteCapability capability = this.connection.bootstrap();
        feed(RpcMessage.Return.results(0, Payload.of(Content.empty())));
        assertThat(last()).isEqualTo(new RpcMessage.Finish(0, true));
        assertThat(capability.call(1, 0, Content.empty()))
                .failsWithin(WAIT)
                .withThrowableThat()
                .havingCause()
                .withMessageContaining("without a capability");
    }

    private void feed(RpcMessage message) {
        this.connection.receive(MessageCodec.encode(message));
    }

    private RpcMessage last() {
        List<RpcMessage> sent = this.out.messages();
        assertThat(sent).isNotEmpty();
        return sent.get(sent.size() - 1);
    }

    private void assertAborted(RpcMessage message, String reason) {
        assertThat(message)
                .isInstanceOfSatisfying(
                        RpcMessage.Abort.class,
                        (abort) -> assertThat(abort.exception().reason()).contains(reason));
        assertThat(this.connection.isOpen()).isFalse();
        assertThat(this.out.closed()).isTrue();
    }
}
