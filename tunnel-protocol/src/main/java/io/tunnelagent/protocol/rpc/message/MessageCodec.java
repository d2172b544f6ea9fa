package io.tunnelagent.protocol.rpc.message;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;
import io.tunnelagent.protocol.capnp.MessageBuilder;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import io.tunnelagent.protocol.rpc.RpcException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * Encodes and decodes {@link RpcMessage}s as framed single-segment messages with the codec's readers and builders,
 * laid out exactly as Go's capnp library and {@code capnp encode} lay them out (so that cloudflared's captured bytes
 * are reproduced). Codec errors surface as {@link RpcException}s "Malformed Cap'n Proto message: …".
 */
public final class MessageCodec {

    /** The most segments a received frame may have; cloudflared's messages have one. */
    public static final int MAX_SEGMENTS = 64;

    private static final ReaderOptions OPTIONS = options(Integer.MAX_VALUE - 8);

    private MessageCodec() {}

    /**
     * Returns the limits for reading RPC frames: the codec's defaults with at most {@link #MAX_SEGMENTS} segments.
     *
     * @param maxFrameBytes the largest acceptable frame
     * @return the options
     */
    public static ReaderOptions options(int maxFrameBytes) {
        ReaderOptions defaults = ReaderOptions.DEFAULT;
        return new ReaderOptions(defaults.traversalLimitWords(), defaults.nestingLimit(), MAX_SEGMENTS, maxFrameBytes);
    }

    /**
     * Encodes a message.
     *
     * @param message the message
     * @return the framed bytes
     * @throws RpcException if a payload's content is malformed
     */
    public static ByteBuffer encode(RpcMessage message) {
        return malformedAsRpc(() -> {
            MessageBuilder builder = new MessageBuilder();
            MessageEncoder.message(builder.initRoot(1, 1), message);
            return ByteBuffer.wrap(builder.toFramedBytes());
        });
    }

    /**
     * Decodes one framed message.
     *
     * @param frame exactly one framed message
     * @return the message; unknown kinds decode to {@link RpcMessage.Unsupported}
     * @throws RpcException if the message is malformed
     */
    public static RpcMessage decode(ByteBuffer frame) {
        return malformedAsRpc(() -> MessageDecoder.message(read(frame).root()));
    }

    /**
     * Builds the {@code unimplemented} echo of a received message, copying it verbatim.
     *
     * @param frame the received message
     * @return the framed {@code Message{unimplemented = <frame's root>}}
     * @throws RpcException if the received message is malformed
     */
    public static ByteBuffer unimplemented(ByteBuffer frame) {
        return malformedAsRpc(() -> {
            MessageBuilder builder = new MessageBuilder();
            builder.initRoot(1, 1).setShort(0, 0).copyPointer(0, read(frame).rootPointer(), 0);
            return ByteBuffer.wrap(builder.toFramedBytes());
        });
    }

    private static MessageReader read(ByteBuffer frame) {
        ByteBuffer in = frame.duplicate();
        int length = in.remaining();
        MessageReader reader = MessageReader.read(in, OPTIONS);
        if (in.hasRemaining()) {
            throw RpcException.malformed(
                    "frame has " + in.remaining() + " trailing bytes after " + (length - in.remaining()));
        }
        return reader;
    }

    private static <T> T malformedAsRpc(Supplier<T> codec) {
        try {
            return codec.get();
        } catch (CapnpDecodeException ex) {
            String detail = String.valueOf(ex.getMessage());
            throw RpcException.malformed(Character.toLowerCase(detail.charAt(0)) + detail.substring(1));
        }
    }
}
