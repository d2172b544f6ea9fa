package io.tunnelagent.protocol.rpc.message;

import io.tunnelagent.protocol.capnp.ElementSize;
import io.tunnelagent.protocol.capnp.ListReader;
import io.tunnelagent.protocol.capnp.MessageBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.rpc.RpcException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads {@link RpcMessage}s field by field; unknown unions become {@link RpcMessage.Unsupported}. */
final class MessageDecoder {

    private static final int CALLER = 0;

    private MessageDecoder() {}

    static RpcMessage message(StructReader message) {
        int tag = message.getUInt16(0);
        return switch (tag) {
            case 0 -> new RpcMessage.Unimplemented(message(message.getStruct(0)));
            case 1 -> new RpcMessage.Abort(exception(message.getStruct(0)));
            case 2 -> call(message.getStruct(0));
            case 3 -> ret(message.getStruct(0));
            case 4 -> finish(message.getStruct(0));
            case 6 -> release(message.getStruct(0));
            case 8 -> new RpcMessage.Bootstrap(message.getStruct(0).getInt(0));
            default -> new RpcMessage.Unsupported(tag);
        };
    }

    private static RpcMessage finish(StructReader finish) {
        return new RpcMessage.Finish(finish.getInt(0), !finish.getBool(32));
    }

    private static RpcMessage release(StructReader release) {
        return new RpcMessage.Release(release.getInt(0), release.getInt(32));
    }

    private static RpcMessage call(StructReader call) {
        if (call.getUInt16(48) != CALLER) {
            return new RpcMessage.Unsupported(2);
        }
        return new RpcMessage.Call(
                call.getInt(0),
                target(call.getStruct(0)),
                call.getLong(64),
                call.getUInt16(32),
                payload(call.getStruct(1)));
    }

    private static MessageTarget target(StructReader target) {
        int tag = target.getUInt16(32);
        if (tag == 0) {
            return new MessageTarget.ImportedCap(target.getInt(0));
        }
        if (tag != 1) {
            throw RpcException.malformed("unknown MessageTarget tag " + tag);
        }
        StructReader promised = target.getStruct(0);
        ListReader ops = structList(promised, 0);
        List<Integer> transform = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            StructReader op = ops.getStruct(i);
            int opTag = op.getUInt16(0);
            if (opTag == 1) {
                transform.add(op.getUInt16(16));
            } else if (opTag != 0) {
                throw RpcException.malformed("unknown PromisedAnswer.Op tag " + opTag);
            }
        }
        return new MessageTarget.PromisedAnswer(promised.getInt(0), transform);
    }

    private static RpcMessage ret(StructReader ret) {
        ReturnKind kind = ReturnKind.ofTag(ret.getUInt16(48));
        boolean releaseParamCaps = !ret.getBool(32);
        Payload results = (kind == ReturnKind.RESULTS) ? payload(ret.getStruct(0)) : null;
        ExceptionInfo exception = (kind == ReturnKind.EXCEPTION) ? exception(ret.getStruct(0)) : null;
        return new RpcMessage.Return(ret.getInt(0), releaseParamCaps, kind, results, exception);
    }

    private static Payload payload(StructReader payload) {
        MessageBuilder content = new MessageBuilder();
        content.copyRoot(payload, 0);
        ListReader descriptors = structList(payload, 1);
        List<CapDescriptor> capTable = new ArrayList<>(descriptors.size());
        for (int i = 0; i < descriptors.size(); i++) {
            StructReader descriptor = descriptors.getStruct(i);
            capTable.add(new CapDescriptor(CapDescriptor.Kind.ofTag(descriptor.getUInt16(0)), descriptor.getInt(32)));
        }
        return new Payload(Content.ofFrame(ByteBuffer.wrap(content.toFramedBytes())), capTable);
    }

    private static ExceptionInfo exception(StructReader exception) {
        return new ExceptionInfo(exception.getText(0), ExceptionInfo.Type.ofCode(exception.getUInt16(32)));
    }

    /** A list of structs; other element sizes (which the codec could view as structs) are refused. */
    private static ListReader structList(StructReader struct, int index) {
        ListReader list = struct.getList(index);
        if (struct.hasPointer(index) && list.elementSize() != ElementSize.INLINE_COMPOSITE) {
            throw RpcException.malformed("expected a list of structs");
        }
        return list;
    }
}
