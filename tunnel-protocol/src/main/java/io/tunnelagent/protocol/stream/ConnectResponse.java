package io.tunnelagent.protocol.stream;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;
import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.ReaderOptions;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The connector's answer at the head of a data stream, struct {@code ConnectResponse} ({@code 0xb1032ec91cef8727}):
 * data 0 words, pointers 2 (error Text, metadata List(Metadata)). Protocol doc sections 3.4 and 4.2. An empty
 * {@code error} means success; a null pointer on the wire reads as the empty string. Like cloudflared, an empty
 * error and an empty metadata list are written as null pointers.
 *
 * @param error the error text, empty on success
 * @param metadata the entries, in wire order
 */
public record ConnectResponse(String error, List<Metadata> metadata) implements CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0xb1032ec91cef8727L;

    /** Data section size in words. */
    public static final int DATA_WORDS = 0;

    /** Pointer section size. */
    public static final int POINTERS = 2;

    /**
     * Creates a response.
     *
     * @param error the error text, empty on success
     * @param metadata the entries
     */
    public ConnectResponse {
        error = error == null ? "" : error;
        metadata = List.copyOf(metadata);
    }

    /**
     * Whether this response reports an error rather than a proxied response.
     *
     * @return true if {@code error} is not empty
     */
    public boolean isError() {
        return !error.isEmpty();
    }

    /**
     * Reads a response from its struct.
     *
     * @param struct the {@code ConnectResponse} struct
     * @return the response
     * @throws CapnpDecodeException if the struct is malformed
     */
    public static ConnectResponse read(StructReader struct) {
        return new ConnectResponse(struct.getText(0), Metadata.readList(struct.getList(1)));
    }

    /**
     * Decodes a message that holds exactly one framed {@code ConnectResponse}.
     *
     * @param frame the framed message (without the stream preamble)
     * @return the response
     * @throws CapnpDecodeException if the bytes are not a valid {@code ConnectResponse} message
     */
    public static ConnectResponse decode(byte[] frame) {
        return read(MessageReader.decode(frame).root());
    }

    /**
     * Decodes the framed {@code ConnectResponse} at the buffer's position and advances the position past it, leaving
     * the response body in the buffer.
     *
     * @param stream the stream bytes after the preamble
     * @param options the decoding limits
     * @return the response
     * @throws CapnpDecodeException if the bytes are not a valid {@code ConnectResponse} message
     */
    public static ConnectResponse decode(ByteBuffer stream, ReaderOptions options) {
        return read(MessageReader.read(stream, options).root());
    }

    /**
     * Writes this response into its struct.
     *
     * @param struct a struct of {@link #DATA_WORDS} data words and {@link #POINTERS} pointers
     */
    @Override
    public void write(StructBuilder struct) {
        if (!error.isEmpty()) {
            struct.setText(0, error);
        }
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
