package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;
import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;

/**
 * The result of {@code registerConnection}: struct {@code ConnectionResponse} ({@code 0xdbaa9d03d52b62dc}, data 1 /
 * pointers 1) whose group {@code result} is a union with tag at bits 0–16: {@link ConnectionError} (tag 0) or
 * {@link ConnectionDetails} (tag 1), both at pointer 0. Protocol doc sections 4.3 and 4.5.
 */
public sealed interface ConnectionResponse permits ConnectionError, ConnectionDetails {

    /** The struct's type ID. */
    long TYPE_ID = 0xdbaa9d03d52b62dcL;

    /** Data section size in words. */
    int DATA_WORDS = 1;

    /** Pointer section size. */
    int POINTERS = 1;

    /**
     * Reads the union.
     *
     * @param struct the {@code ConnectionResponse} struct
     * @return the error or the details
     * @throws CapnpDecodeException for an unknown union tag or a malformed member
     */
    static ConnectionResponse read(StructReader struct) {
        int tag = struct.getUInt16(0);
        switch (tag) {
            case 0:
                return ConnectionError.read(struct.getStruct(0));
            case 1:
                return ConnectionDetails.read(struct.getStruct(0));
            default:
                throw new CapnpDecodeException("ConnectionResponse.result union tag " + tag
                        + " is unknown, expected 0 (error) or 1 (connectionDetails)");
        }
    }

    /**
     * Writes a response into a {@code ConnectionResponse} struct.
     *
     * @param response the error or the details
     * @param struct a struct of {@link #DATA_WORDS} data words and {@link #POINTERS} pointers
     */
    static void write(ConnectionResponse response, StructBuilder struct) {
        struct.setShort(0, response instanceof ConnectionDetails ? 1 : 0);
        struct.setStruct(0, (CapnpStruct) response);
    }
}
