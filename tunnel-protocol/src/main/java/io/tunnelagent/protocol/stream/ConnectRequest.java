package io.tunnelagent.protocol.stream;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;
import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The head of a data stream opened by the edge, struct {@code ConnectRequest} ({@code 0xc47116a1045e4061}):
 * data 1 word (type at bits 0–16), pointers 2 (dest Text, metadata List(Metadata)). Protocol doc section 4.2.
 *
 * @param dest the destination: a URL or path for HTTP and WebSocket, {@code IP:port} for TCP
 * @param type the stream type
 * @param metadata the entries, in wire order
 */
public record ConnectRequest(String dest, ConnectionType type, List<Metadata> metadata) implements CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0xc47116a1045e4061L;

    /** Data section size in words. */
    public static final int DATA_WORDS = 1;

    /** Pointer section size. */
    public static final int POINTERS = 2;

    /**
     * Creates a request.
     *
     * @param dest the destination
     * @param type the stream type
     * @param metadata the entries
     */
    public ConnectRequest {
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(type, "type");
        metadata = List.copyOf(metadata);
    }

    /**
     * Reads a request from its struct.
     *
     * @param struct the {@code ConnectRequest} struct
     * @return the request
     * @throws CapnpDecodeException if the struct is malformed or the connection type is unknown
     */
    public static ConnectRequest read(StructReader struct) {
        String dest = struct.getText(0);
        ConnectionType type = ConnectionType.fromWireValue(struct.getUInt16(0));
        return new ConnectRequest(dest, type, Metadata.readList(struct.getList(1)));
    }

    /**
     * Decodes a message that holds exactly one framed {@code ConnectRequest}.
     *
     * @param frame the framed message (without the stream preamble)
     * @return the request
     * @throws CapnpDecodeException if the bytes are not a valid {@code ConnectRequest} message
     */
    public static ConnectRequest decode(byte[] frame) {
        return read(MessageReader.decode(frame).root());
    }

    /**
     * Decodes the framed {@code ConnectRequest} at the buffer's position and advances the position past it, leaving
     * the request body in the buffer.
     *
     * @param stream the stream bytes after the preamble
     * @param options the decoding limits
     * @return the request
     * @throws CapnpDecodeException if the bytes are not a valid {@code ConnectRequest} message
     */
    public static ConnectRequest decode(ByteBuffer stream, ReaderOptions options) {
        return read(MessageReader.read(stream, options).root());
    }

    /**
     * Writes this request into its struct, allocating dest before metadata.
     *
     * @param struct a struct of {@link #DATA_WORDS} data words and {@link #POINTERS} pointers
     */
    @Override
    public void write(StructBuilder struct) {
        if (!dest.isEmpty()) {
            struct.setText(0, dest);
        }
        struct.setShort(0, type.wireValue());
        Metadata.writeList(struct, 1, metadata);
    }

    @Override
    public int dataWords() {
        return DATA_WORDS;
    }

    @Override
    public int pointerCount() {
        return POINTERS;
    }
}
