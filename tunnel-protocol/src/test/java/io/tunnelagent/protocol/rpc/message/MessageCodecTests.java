package io.tunnelagent.protocol.rpc.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.rpc.TestVectors;
import io.tunnelagent.protocol.rpc.wire.StructView;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTests {

    private static final long REGISTRATION_SERVER = 0xf71695ec7fe85497L;

    @Test
    void bootstrapVectorFromAppendixAEncodesByteForByte() {
        byte[] expected =
                TestVectors.hex("00000000 05000000 | 00000000 01000100 | 08000000 00000000 | 00000000 01000100"
                        + " | 00000000 00000000 | 00000000 00000000");
        assertThat(bytes(MessageCodec.encode(new RpcMessage.Bootstrap(0)))).isEqualTo(expected);
        assertThat(MessageCodec.decode(ByteBuffer.wrap(expected))).isEqualTo(new RpcMessage.Bootstrap(0));
    }

    @Test
    void finishVectorFromAppendixAEncodesByteForByte() {
        byte[] expected = TestVectors.hex(
                "00000000 04000000 | 00000000 01000100 | 04000000 00000000 | 00000000 01000000 | 00000000 01000000");
        assertThat(bytes(MessageCodec.encode(new RpcMessage.Finish(0, false)))).isEqualTo(expected);
        assertThat(MessageCodec.decode(ByteBuffer.wrap(expected))).isEqualTo(new RpcMessage.Finish(0, false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "quic-control-c2s-01-bootstrap.bin",
                "quic-control-c2s-02-register-call.bin",
                "quic-control-c2s-03-finish-q0.bin",
                "quic-control-c2s-04-finish-q1.bin",
                "quic-control-c2s-05-update-local-config-call.bin",
                "quic-control-c2s-06-finish-q1.bin",
                "quic-control-c2s-07-unregister-call.bin",
                "quic-control-c2s-08-finish-q1.bin",
                "quic-control-c2s-09-abort.bin",
                "quic-control-c2s-alt-release.bin",
                "quic-control-s2c-01-bootstrap-return.bin",
                "quic-control-s2c-02-register-return.bin",
                "quic-control-s2c-03-update-local-config-return.bin",
                "quic-control-s2c-04-unregister-return.bin",
                "h2-control-c2s-02-register-call.bin",
                "h2-control-c2s-05-update-local-config-call.bin",
                "h2-control-c2s-09-release.bin",
                "h2-control-c2s-10-abort.bin"
            })
    void everyCapturedControlMessageReencodesToTheSameBytes(String vector) {
        byte[] captured = TestVectors.bytes(vector);
        RpcMessage decoded = MessageCodec.decode(ByteBuffer.wrap(captured));
        assertThat(bytes(MessageCodec.encode(decoded))).isEqualTo(captured);
    }

    @Test
    void registerCallDecodesToThePipelinedCallOnTheBootstrapAnswer() {
        RpcMessage.Call call =
                (RpcMessage.Call) MessageCodec.decode(TestVectors.buffer("quic-control-c2s-02-register-call.bin"));
        assertThat(call.questionId()).isEqualTo(1);
        assertThat(call.target()).isEqualTo(new MessageTarget.PromisedAnswer(0, List.of()));
        assertThat(call.interfaceId()).isEqualTo(REGISTRATION_SERVER);
        assertThat(call.methodId()).isZero();
        assertThat(call.params().capTable()).isEmpty();
        StructView params = call.params().content().reader().root();
        assertThat(params.struct(0).text(0)).isEqualTo("ac1596cd251d5ed30c78646e5914a4fd");
        assertThat(params.struct(0).data(1)).hasSize(32);
        assertThat(params.data(1)).isEqualTo(TestVectors.hex("fc452cc6280f42f5a51c2bc0ce093d5e"));
        assertThat(params.u8(0)).isZero();
        StructView client = params.struct(2).struct(0);
        assertThat(client.data(0)).isEqualTo(TestVectors.hex("155493d0c0d3454c970127a28fd68d47"));
        assertThat(client.text(2)).isEqualTo("2026.8.2");
        assertThat(client.text(3)).isEqualTo("linux_amd64");
        assertThat(params.struct(2).data(1)).isEqualTo(TestVectors.hex("00000000000000000000ffff7f000001"));
    }

    @Test
    void laterCallsDecodeWithReusedQuestionIdAndImportedCapTarget() {
        RpcMessage.Call update = (RpcMessage.Call)
                MessageCodec.decode(TestVectors.buffer("quic-control-c2s-05-update-local-config-call.bin"));
        assertThat(update.questionId()).isEqualTo(1);
        assertThat(update.target()).isEqualTo(new MessageTarget.ImportedCap(0));
        assertThat(update.methodId()).isEqualTo(2);
        assertThat(new String(
                        update.params().content().reader().root().data(0), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{\"__configuration_flags\":{\"loglevel\":\"debug\"")
                .endsWith("\"warp-routing\":{}}");
        RpcMessage.Call unregister =
                (RpcMessage.Call) MessageCodec.decode(TestVectors.buffer("quic-control-c2s-07-unregister-call.bin"));
        assertThat(unregister)
                .isEqualTo(new RpcMessage.Call(
                        1, new MessageTarget.ImportedCap(0), REGISTRATION_SERVER, 1, Payload.of(Content.empty())));
    }

    @Test
    void shutdownMessagesDecodeToReleaseAndAbort() {
        assertThat(MessageCodec.decode(TestVectors.buffer("quic-control-c2s-alt-release.bin")))
                .isEqualTo(new RpcMessage.Release(0, 1));
        assertThat(MessageCodec.decode(TestVectors.buffer("h2-control-c2s-09-release.bin")))
                .isEqualTo(new RpcMessage.Release(0, 1));
        assertThat(MessageCodec.decode(TestVectors.buffer("quic-control-c2s-09-abort.bin")))
                .isEqualTo(new RpcMessage.Abort(ExceptionInfo.failed("rpc: shutdown")));
        assertThat(MessageCodec.decode(TestVectors.buffer("quic-control-c2s-04-finish-q1.bin")))
                .isEqualTo(new RpcMessage.Finish(1, false));
    }

    @Test
    void bootstrapReturnCarriesCapabilityPointerAndSenderHostedExport() {
        RpcMessage.Return ret =
                (RpcMessage.Return) MessageCodec.decode(TestVectors.buffer("quic-control-s2c-01-bootstrap-return.bin"));
        assertThat(ret.answerId()).isZero();
        assertThat(ret.releaseParamCaps()).isFalse();
        assertThat(ret.kind()).isEqualTo(ReturnKind.RESULTS);
        assertThat(ret.results()).isEqualTo(new Payload(Content.capability(0), List.of(CapDescriptor.senderHosted(0))));
        assertThat(ret.results().content().capabilityIndex()).isZero();
    }

    @Test
    void registerReturnCarriesConnectionDetails() {
        RpcMessage.Return ret =
                (RpcMessage.Return) MessageCodec.decode(TestVectors.buffer("quic-control-s2c-02-register-return.bin"));
        assertThat(ret.answerId()).isEqualTo(1);
        StructView response = ret.results().content().reader().root().struct(0);
        assertThat(response.u16(0)).isEqualTo(1);
        StructView details = response.struct(0);
        assertThat(details.data(0)).isEqualTo(TestVectors.hex("7e5c1a2b3c4d4e5f8a6b7c8d9e0f1a2b"));
        assertThat(details.text(1)).isEqualTo("LOCAL");
        assertThat(details.bit(0)).isFalse();
        assertThat(MessageCodec.decode(TestVectors.buffer("quic-control-s2c-04-unregister-return.bin")))
                .isEqualTo(RpcMessage.Return.results(1, Payload.of(Content.empty())));
    }

    @Test
    void exceptionReturnRoundTrips() {
        RpcMessage message =
                RpcMessage.Return.exception(7, new ExceptionInfo("no such tunnel", ExceptionInfo.Type.OVERLOADED));
        assertThat(MessageCodec.decode(MessageCodec.encode(message))).isEqualTo(message);
    }

    @Test
    void unknownKindsDecodeAsUnsupportedAndEchoAsUnimplemented() {
        byte[] resolve =
                TestVectors.hex("00000000 03000000 | 00000000 01000100 | 05000000 00000000 | 00000000 00000000");
        assertThat(MessageCodec.decode(ByteBuffer.wrap(resolve))).isEqualTo(new RpcMessage.Unsupported(5));
        RpcMessage echo = MessageCodec.decode(MessageCodec.unimplemented(ByteBuffer.wrap(resolve)));
        assertThat(echo).isEqualTo(new RpcMessage.Unimplemented(new RpcMessage.Unsupported(5)));
        RpcMessage call = MessageCodec.decode(
                MessageCodec.unimplemented(TestVectors.buffer("quic-control-c2s-07-unregister-call.bin")));
        assertThat(call).isInstanceOf(RpcMessage.Unimplemented.class);
        assertThat(((RpcMessage.Unimplemented) call).message()).isInstanceOf(RpcMessage.Call.class);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
