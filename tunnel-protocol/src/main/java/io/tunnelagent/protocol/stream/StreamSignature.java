package io.tunnelagent.protocol.stream;

import io.tunnelagent.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The 6-byte signature that starts every stream the edge opens after the control stream (protocol doc sections
 * 3.2 and 3.3). A data stream's signature is followed by the 2-byte version {@code "01"}, then a framed
 * {@link ConnectRequest}; an RPC stream's signature is followed directly by Cap'n Proto RPC messages.
 */
public enum StreamSignature {

    /** Data stream: {@code 0A 36 CD 12 A1 3E}, preamble 8 bytes with the version. */
    DATA(new byte[] {0x0A, 0x36, (byte) 0xCD, 0x12, (byte) 0xA1, 0x3E}),

    /** RPC stream: {@code 52 BB 82 5C DB 65}, preamble 6 bytes. */
    RPC(new byte[] {0x52, (byte) 0xBB, (byte) 0x82, 0x5C, (byte) 0xDB, 0x65});

    /** Length of a signature. */
    public static final int LENGTH = 6;

    /** Length of the data protocol version that follows a data signature. */
    public static final int VERSION_LENGTH = 2;

    private static final byte[] DATA_VERSION = {'0', '1'};

    private final byte[] signature;

    StreamSignature(byte[] signature) {
        this.signature = signature;
    }

    /**
     * Returns the signature bytes.
     *
     * @return a copy of the 6 bytes
     */
    public byte[] bytes() {
        return signature.clone();
    }

    /**
     * Returns the preamble a stream of this kind starts with: the signature, plus version {@code "01"} for data.
     *
     * @return a new array of {@link #preambleLength()} bytes
     */
    public byte[] preamble() {
        if (this == RPC) {
            return bytes();
        }
        byte[] preamble = new byte[LENGTH + VERSION_LENGTH];
        System.arraycopy(signature, 0, preamble, 0, LENGTH);
        System.arraycopy(DATA_VERSION, 0, preamble, LENGTH, VERSION_LENGTH);
        return preamble;
    }

    /**
     * Returns the preamble length.
     *
     * @return 8 for data streams, 6 for RPC streams
     */
    public int preambleLength() {
        return this == RPC ? LENGTH : LENGTH + VERSION_LENGTH;
    }

    /**
     * Reads a stream preamble at the buffer's position. When the whole preamble is present it is consumed and the
     * signature returned; otherwise the buffer is left untouched and the result is empty. The data version bytes are
     * consumed but not validated, as cloudflared does.
     *
     * @param stream the bytes received so far
     * @return the signature, or empty if more bytes are needed
     * @throws ProtocolException if the first 6 bytes are not a known signature
     */
    public static Optional<StreamSignature> readPreamble(ByteBuffer stream) {
        if (stream.remaining() < LENGTH) {
            return Optional.empty();
        }
        byte[] head = new byte[LENGTH];
        stream.get(stream.position(), head);
        StreamSignature signature = of(head);
        if (stream.remaining() < signature.preambleLength()) {
            return Optional.empty();
        }
        stream.position(stream.position() + signature.preambleLength());
        return Optional.of(signature);
    }

    private static StreamSignature of(byte[] head) {
        for (StreamSignature candidate : values()) {
            if (Arrays.equals(candidate.signature, head)) {
                return candidate;
            }
        }
        throw new ProtocolException("Unknown stream signature " + HexFormat.of().formatHex(head)
                + ", expected 0a36cd12a13e (data) or 52bb825cdb65 (RPC)");
    }
}
