package io.tunnelagent.protocol.rpc.message;

import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.wire.Pointer;
import io.tunnelagent.protocol.rpc.wire.WireReader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The {@code AnyPointer} content of a {@link Payload}, held as a standalone framed Cap'n Proto message whose root
 * pointer is the content. Typed codecs build and read it as an ordinary message; the RPC codec deep-copies it into and
 * out of RPC messages. Its {@code toString} never shows the bytes (they may hold secrets).
 */
public final class Content {

    private static final Content EMPTY = new Content(new byte[] {0, 0, 0, 0, 1, 0, 0, 0, -4, -1, -1, -1, 0, 0, 0, 0});

    private static final Content NONE = new Content(new byte[] {0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    private final byte[] frame;

    private Content(byte[] frame) {
        this.frame = frame;
    }

    /**
     * Returns an empty struct, the content of parameterless calls and void results.
     *
     * @return the content
     */
    public static Content empty() {
        return EMPTY;
    }

    /**
     * Returns a null pointer.
     *
     * @return the content
     */
    public static Content none() {
        return NONE;
    }

    /**
     * Returns a capability pointer, as in a Bootstrap answer.
     *
     * @param index the index into the payload's capability table
     * @return the content
     */
    public static Content capability(int index) {
        ByteBuffer frame = ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        frame.putInt(0).putInt(1).putInt(3).putInt(index);
        return new Content(frame.array());
    }

    /**
     * Wraps a framed message whose root is the content, e.g. a params or results struct built by a typed codec.
     *
     * @param framedMessage the message (copied)
     * @return the content
     */
    public static Content ofFrame(ByteBuffer framedMessage) {
        byte[] bytes = new byte[framedMessage.remaining()];
        framedMessage.duplicate().get(bytes);
        return new Content(bytes);
    }

    /**
     * Returns the content as a framed message whose root is the content.
     *
     * @return a read-only view of the bytes
     */
    public ByteBuffer toFrame() {
        return ByteBuffer.wrap(this.frame).asReadOnlyBuffer();
    }

    /**
     * Opens the content for reading.
     *
     * @return a reader whose root is the content
     * @throws RpcException if the content is malformed
     */
    public WireReader reader() {
        return WireReader.of(ByteBuffer.wrap(this.frame));
    }

    /**
     * Returns the capability index if the content is a capability pointer.
     *
     * @return the index into the payload's capability table, or {@code -1}
     */
    public int capabilityIndex() {
        Pointer root = reader().rootLocation().resolve();
        return (root.kind() == Pointer.Kind.CAPABILITY) ? root.count() : -1;
    }

    /**
     * Returns the size of the framed content.
     *
     * @return the byte count
     */
    public int size() {
        return this.frame.length;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return (other instanceof Content content) && Arrays.equals(this.frame, content.frame);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(this.frame);
    }

    @Override
    public String toString() {
        return "Content[" + this.frame.length + " bytes]";
    }
}
