package io.tunnelagent.protocol.rpc.message;

import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.wire.WireBuilder;
import io.tunnelagent.protocol.rpc.wire.WireReader;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes {@link RpcMessage}s as framed single-segment messages, laid out exactly as Go's capnp library
 * and {@code capnp encode} lay them out (so that cloudflared's captured bytes are reproduced).
 */
public final class MessageCodec {

    private MessageCodec() {}

    /**
     * Encodes a message.
     *
     * @param message the message
     * @return the framed bytes
     * @throws RpcException if a payload's content is malformed
     */
    public static ByteBuffer encode(RpcMessage message) {
        WireBuilder builder = new WireBuilder();
        MessageEncoder.message(builder.initRoot(1, 1), message);
        return builder.toFrame();
    }

    /**
     * Decodes one framed message.
     *
     * @param frame exactly one framed message
     * @return the message; unknown kinds decode to {@link RpcMessage.Unsupported}
     * @throws RpcException if the message is malformed
     */
    public static RpcMessage decode(ByteBuffer frame) {
        return MessageDecoder.message(WireReader.of(frame).root());
    }

    /**
     * Builds the {@code unimplemented} echo of a received message, copying it verbatim.
     *
     * @param frame the received message
     * @return the framed {@code Message{unimplemented = <frame's root>}}
     * @throws RpcException if the received message is malformed
     */
    public static ByteBuffer unimplemented(ByteBuffer frame) {
        WireBuilder builder = new WireBuilder();
        builder.initRoot(1, 1).set(0, 0, 2).copy(0, WireReader.of(frame).rootLocation());
        return builder.toFrame();
    }
}
