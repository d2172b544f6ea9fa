package io.tunnelagent.protocol.rpc.message;

import io.tunnelagent.protocol.capnp.ListBuilder;
import io.tunnelagent.protocol.capnp.StructBuilder;
import java.util.List;

/** Writes {@link RpcMessage}s field by field, allocating in Go's order. */
final class MessageEncoder {

    private MessageEncoder() {}

    static void message(StructBuilder message, RpcMessage value) {
        if (value instanceof RpcMessage.Unimplemented unimplemented) {
            message.setShort(0, 0);
            message(message.initStruct(0, 1, 1), unimplemented.message());
        } else if (value instanceof RpcMessage.Abort abort) {
            message.setShort(0, 1);
            exception(message.initStruct(0, 1, 1), abort.exception());
        } else if (value instanceof RpcMessage.Call call) {
            message.setShort(0, 2);
            call(message.initStruct(0, 3, 3), call);
        } else if (value instanceof RpcMessage.Return ret) {
            message.setShort(0, 3);
            ret(message.initStruct(0, 2, 1), ret);
        } else if (value instanceof RpcMessage.Finish finish) {
            message.setShort(0, 4);
            message.initStruct(0, 1, 0).setInt(0, finish.questionId()).setBool(32, !finish.releaseResultCaps());
        } else if (value instanceof RpcMessage.Release release) {
            message.setShort(0, 6);
            message.initStruct(0, 1, 0).setInt(0, release.id()).setInt(32, release.referenceCount());
        } else if (value instanceof RpcMessage.Bootstrap bootstrap) {
            message.setShort(0, 8);
            message.initStruct(0, 1, 1).setInt(0, bootstrap.questionId());
        } else if (value instanceof RpcMessage.Unsupported unsupported) {
            message.setShort(0, unsupported.tag());
        }
    }

    private static void call(StructBuilder call, RpcMessage.Call value) {
        call.setInt(0, value.questionId()).setShort(32, value.methodId()).setLong(64, value.interfaceId());
        StructBuilder target = call.initStruct(0, 1, 1);
        if (value.target() instanceof MessageTarget.ImportedCap imported) {
            target.setInt(0, imported.importId());
        } else if (value.target() instanceof MessageTarget.PromisedAnswer promised) {
            target.setShort(32, 1);
            StructBuilder answer = target.initStruct(0, 1, 1).setInt(0, promised.questionId());
            List<Integer> transform = promised.transform();
            ListBuilder ops = answer.initStructList(0, transform.size(), 1, 0);
            for (int i = 0; i < transform.size(); i++) {
                ops.getStruct(i).setShort(0, 1).setShort(16, transform.get(i));
            }
        }
        payload(call.initStruct(1, 0, 2), value.params());
    }

    private static void ret(StructBuilder ret, RpcMessage.Return value) {
        ret.setInt(0, value.answerId()).setBool(32, !value.releaseParamCaps());
        ret.setShort(48, value.kind().ordinal());
        if (value.results() != null) {
            payload(ret.initStruct(0, 0, 2), value.results());
        } else if (value.exception() != null) {
            exception(ret.initStruct(0, 1, 1), value.exception());
        }
    }

    private static void payload(StructBuilder payload, Payload value) {
        payload.copyPointer(0, value.content().reader().rootPointer(), 0);
        List<CapDescriptor> capTable = value.capTable();
        ListBuilder entries = payload.initStructList(1, capTable.size(), 1, 1);
        for (int i = 0; i < capTable.size(); i++) {
            CapDescriptor descriptor = capTable.get(i);
            entries.getStruct(i).setShort(0, descriptor.kind().ordinal()).setInt(32, descriptor.id());
        }
    }

    private static void exception(StructBuilder exception, ExceptionInfo value) {
        exception.setText(0, value.reason()).setShort(32, value.type().ordinal());
    }
}
