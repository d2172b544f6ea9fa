package io.tunnelagent.protocol.service;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.rpc.message.Content;
import java.nio.ByteBuffer;

/** Bridges the codec's records and RPC payload content. */
final class Contents {

    private Contents() {}

    static Content of(CapnpStruct struct) {
        if (struct.dataWords() == 0 && struct.pointerCount() == 0) {
            return Content.empty();
        }
        return Content.ofFrame(ByteBuffer.wrap(struct.encode()));
    }

    static StructReader read(Content content) {
        ByteBuffer frame = content.toFrame();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return MessageReader.decode(bytes).root();
    }
}
