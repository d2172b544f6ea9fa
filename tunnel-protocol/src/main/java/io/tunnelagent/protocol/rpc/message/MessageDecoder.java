package io.tunnelagent.protocol.rpc.message;

import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.wire.StructView;
import io.tunnelagent.protocol.rpc.wire.WireBuilder;
import java.util.ArrayList;
import java.util.List;

/** Reads {@link RpcMessage}s field by field; unknown unions become {@link RpcMessage.Unsupported}. */
final class MessageDecoder {

    private static final int CALLER = 0;

    private MessageDecoder() {}

    static RpcMessage message(StructView message) {
        int tag = message.u16(0);
        return switch (tag) {
            case 0 -> new RpcMessage.Unimplemented(message(message.struct(0)));
            case 1 -> new RpcMessage.Abort(exception(message.struct(0)));
            case 2 -> call(message.struct(0));
            case 3 -> ret(message.struct(0));
            case 4 -> finish(message.struct(0));
            case 6 -> release(message.struct(0));
            case 8 -> new RpcMessage.Bootstrap(message.struct(0).u32(0));
            default -> new RpcMessage.Unsupported(tag);
        };
    }

    private static RpcMessage finish(StructView finish) {
        return new RpcMessage.Finish(finish.u32(0), !finish.bit(32));
    }

    private static RpcMessage release(StructView release) {
        return new RpcMessage.Release(release.u32(0), release.u32(4));
    }

    private static RpcMessage call(StructView call) {
        if (call.u16(6) != CALLER) {
            return new RpcMessage.Unsupported(2);
        }
        return new RpcMessage.Call(
                call.u32(0), target(call.struct(0)), call.u64(8), call.u16(4), payload(call.struct(1)));
    }

    private static MessageTarget target(StructView target) {
        int tag = target.u16(4);
        if (tag == 0) {
            return new MessageTarget.ImportedCap(target.u32(0));
        }
        if (tag != 1) {
            throw RpcException.malformed("unknown MessageTarget tag " + tag);
        }
        StructView promised = target.struct(0);
        List<Integer> transform = new ArrayList<>();
        for (StructView op : promised.structList(0)) {
            int opTag = op.u16(0);
            if (opTag == 1) {
                transform.add(op.u16(2));
            } else if (opTag != 0) {
                throw RpcException.malformed("unknown PromisedAnswer.Op tag " + opTag);
            }
        }
        return new MessageTarget.PromisedAnswer(promised.u32(0), transform);
    }

    private static RpcMessage ret(StructView ret) {
        ReturnKind kind = ReturnKind.ofTag(ret.u16(6));
        boolean releaseParamCaps = !ret.bit(32);
        Payload results = (kind == ReturnKind.RESULTS) ? payload(ret.struct(0)) : null;
        ExceptionInfo exception = (kind == ReturnKind.EXCEPTION) ? exception(ret.struct(0)) : null;
        return new RpcMessage.Return(ret.u32(0), releaseParamCaps, kind, results, exception);
    }

    private static Payload payload(StructView payload) {
        Content content = Content.ofFrame(WireBuilder.extract(payload.locate(0)));
        List<CapDescriptor> capTable = new ArrayList<>();
        for (StructView descriptor : payload.structList(1)) {
            capTable.add(new CapDescriptor(CapDescriptor.Kind.ofTag(descriptor.u16(0)), descriptor.u32(4)));
        }
        return new Payload(content, capTable);
    }

    private static ExceptionInfo exception(StructView exception) {
        return new ExceptionInfo(exception.text(0), ExceptionInfo.Type.ofCode(exception.u16(4)));
    }
}
