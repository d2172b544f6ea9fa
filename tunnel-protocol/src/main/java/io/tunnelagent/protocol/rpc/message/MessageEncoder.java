package io.tunnelagent.protocol.rpc.message;

import io.tunnelagent.protocol.rpc.wire.StructWriter;
import java.util.List;

/** Writes {@link RpcMessage}s field by field, allocating in Go's order. */
final class MessageEncoder {

    private MessageEncoder() {}

    static void message(StructWriter message, RpcMessage value) {
        if (value instanceof RpcMessage.Unimplemented unimplemented) {
            message.set(0, 0, 2);
            message(message.initStruct(0, 1, 1), unimplemented.message());
        } else if (value instanceof RpcMessage.Abort abort) {
            message.set(0, 1, 2);
            exception(message.initStruct(0, 1, 1), abort.exception());
        } else if (value instanceof RpcMessage.Call call) {
            message.set(0, 2, 2);
            call(message.initStruct(0, 3, 3), call);
        } else if (value instanceof RpcMessage.Return ret) {
            message.set(0, 3, 2);
            ret(message.initStruct(0, 2, 1), ret);
        } else if (value instanceof RpcMessage.Finish finish) {
            message.set(0, 4, 2);
            message.initStruct(0, 1, 0).set(0, finish.questionId(), 4).setBit(32, !finish.releaseResultCaps());
        } else if (value instanceof RpcMessage.Release release) {
            message.set(0, 6, 2);
            message.initStruct(0, 1, 0).set(0, release.id(), 4).set(4, release.referenceCount(), 4);
        } else if (value instanceof RpcMessage.Bootstrap bootstrap) {
            message.set(0, 8, 2);
            message.initStruct(0, 1, 1).set(0, bootstrap.questionId(), 4);
        } else if (value instanceof RpcMessage.Unsupported unsupported) {
            message.set(0, unsupported.tag(), 2);
        }
    }

    private static void call(StructWriter call, RpcMessage.Call value) {
        call.set(0, value.questionId(), 4).set(4, value.methodId(), 2).set(8, value.interfaceId(), 8);
        StructWriter target = call.initStruct(0, 1, 1);
        if (value.target() instanceof MessageTarget.ImportedCap imported) {
            target.set(0, imported.importId(), 4);
        } else if (value.target() instanceof MessageTarget.PromisedAnswer promised) {
            target.set(4, 1, 2);
            StructWriter answer = target.initStruct(0, 1, 1).set(0, promised.questionId(), 4);
            List<StructWriter> ops =
                    answer.initStructList(0, promised.transform().size(), 1, 0);
            for (int i = 0; i < ops.size(); i++) {
                ops.get(i).set(0, 1, 2).set(2, promised.transform().get(i), 2);
            }
        }
        payload(call.initStruct(1, 0, 2), value.params());
    }

    private static void ret(StructWriter ret, RpcMessage.Return value) {
        ret.set(0, value.answerId(), 4).setBit(32, !value.releaseParamCaps());
        ret.set(6, value.kind().ordinal(), 2);
        if (value.results() != null) {
            payload(ret.initStruct(0, 0, 2), value.results());
        } else if (value.exception() != null) {
            exception(ret.initStruct(0, 1, 1), value.exception());
        }
    }

    private static void payload(StructWriter payload, Payload value) {
        payload.copy(0, value.content().reader().rootLocation());
        List<CapDescriptor> capTable = value.capTable();
        List<StructWriter> entries = payload.initStructList(1, capTable.size(), 1, 1);
        for (int i = 0; i < entries.size(); i++) {
            CapDescriptor descriptor = capTable.get(i);
            entries.get(i).set(0, descriptor.kind().ordinal(), 2).set(4, descriptor.id(), 4);
        }
    }

    private static void exception(StructWriter exception, ExceptionInfo value) {
        exception.setText(0, value.reason()).set(4, value.type().ordinal(), 2);
    }
}
