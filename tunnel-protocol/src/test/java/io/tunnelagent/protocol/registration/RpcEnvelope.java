package io.tunnelagent.protocol.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageBuilder;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;

/**
 * Walks and builds just enough of rpc.capnp's {@code Message} (protocol doc Appendix A) to reach a Call's params or
 * a Return's results in the captured control-stream vectors.
 */
final class RpcEnvelope {

    private RpcEnvelope() {}

    /** Message.call (tag 2) → Call ptr 1 → Payload ptr 0 → content. */
    static StructReader callContent(byte[] frame) {
        StructReader message = MessageReader.decode(frame).root();
        assertThat(message.getUInt16(0)).as("Message union tag").isEqualTo(2);
        return message.getStruct(0).getStruct(1).getStruct(0);
    }

    /** Message.return (tag 3) → Return (union tag at bits 48-64 = 0, results) ptr 0 → Payload ptr 0 → content. */
    static StructReader returnContent(byte[] frame) {
        StructReader message = MessageReader.decode(frame).root();
        assertThat(message.getUInt16(0)).as("Message union tag").isEqualTo(3);
        StructReader ret = message.getStruct(0);
        assertThat(ret.getUInt16(48)).as("Return union tag").isZero();
        return ret.getStruct(0).getStruct(0);
    }

    /** Builds Message.return{answerId, releaseParamCaps=false, results=Payload{content, capTable=[]}}. */
    static byte[] returnMessage(int answerId, CapnpStruct content) {
        MessageBuilder message = new MessageBuilder();
        StructBuilder root = message.initRoot(1, 1).setShort(0, 3);
        StructBuilder ret = root.initStruct(0, 2, 1).setInt(0, answerId).setBool(32, false, true);
        StructBuilder payload = ret.initStruct(0, 0, 2);
        payload.setStruct(0, content);
        payload.initStructList(1, 0, 1, 1);
        return message.toFramedBytes();
    }
}
