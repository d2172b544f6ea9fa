package io.tunnelagent.protocol.service;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.rpc.message.Content;
import java.nio.ByteBuffer;

/** Bridges the codec's records and RPC payload content. */
final class Contents {

    private Contents() {}

    static Content of(CapnpStruct struct) {
        return Content.ofFrame(ByteBuffer.wrap(struct.encode()));
    }

    static StructReader read(Content content) {
        return content.reader().root();
    }
}
