package io.tunnelagent.transport.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.tunnelagent.protocol.ProtocolException;
import io.tunnelagent.protocol.capnp.Framing;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.StreamSignature;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the head of a QUIC stream incrementally: bytes may arrive in pieces, and body bytes may follow the head in
 * the same piece ({@link #remainder()}). Not thread-safe; one per stream. Release it with {@link #release()}.
 */
public final class StreamHeadReader {

    /** What a stream may start with, depending on who opened it and who reads it. */
    public enum Expect {
        /** Connector reading an edge-opened stream: a data stream with a request, or an RPC stream. */
        REQUEST_OR_RPC,
        /** Edge reading a connector-opened stream after the control stream: RPC only. */
        RPC,
        /** Edge reading the answer on a data stream it opened: a response. */
        RESPONSE
    }

    private final Expect expect;
    private final CompositeByteBuf received;
    private @Nullable StreamSignature signature;

    /**
     * Creates a reader.
     *
     * @param alloc the allocator for the accumulated bytes
     * @param expect what the stream may start with
     */
    public StreamHeadReader(ByteBufAllocator alloc, Expect expect) {
        this.expect = expect;
        this.received = alloc.compositeBuffer();
    }

    /**
     * Adds bytes and tries to read the head.
     *
     * @param data the bytes; ownership passes to the reader
     * @return the head once complete, or empty if more bytes are needed
     */
    public Optional<StreamHead> offer(ByteBuf data) {
        received.addComponent(true, data);
        ByteBuffer view = received.nioBuffer();
        int start = view.position();
        try {
            if (signature == null) {
                Optional<StreamSignature> preamble = StreamSignature.readPreamble(view);
                if (preamble.isEmpty()) {
                    return Optional.empty();
                }
                signature = preamble.get();
                received.skipBytes(view.position() - start);
                start = view.position();
                if (signature == StreamSignature.RPC) {
                    return Optional.of(
                            expect == Expect.RESPONSE
                                    ? new StreamHead.Refused(
                                            "an RPC signature where a data stream response was expected")
                                    : new StreamHead.Rpc());
                }
                if (expect == Expect.RPC) {
                    return Optional.of(new StreamHead.Refused("a data signature on a stream the connector opened"));
                }
            }
            if (Framing.frameLength(view, ReaderOptions.DEFAULT) == Framing.INCOMPLETE) {
                return Optional.empty();
            }
            StreamHead head = expect == Expect.RESPONSE
                    ? new StreamHead.Response(ConnectResponse.decode(view, ReaderOptions.DEFAULT))
                    : new StreamHead.Data(ConnectRequest.decode(view, ReaderOptions.DEFAULT));
            received.skipBytes(view.position() - start);
            return Optional.of(head);
        } catch (ProtocolException | IllegalArgumentException ex) {
            if (signature == null) {
                return Optional.of(new StreamHead.Refused(ex.getMessage()));
            }
            String what = expect == Expect.RESPONSE ? "ConnectResponse" : "ConnectRequest";
            return Optional.of(new StreamHead.Malformed("Malformed " + what + ": " + ex.getMessage()));
        }
    }

    /**
     * The bytes after the head (the first body bytes), once the head was read; the caller owns the result.
     *
     * @return the remaining bytes, possibly empty
     */
    public ByteBuf remainder() {
        return received.readRetainedSlice(received.readableBytes());
    }

    /** Releases the accumulated bytes. */
    public void release() {
        received.release();
    }
}
