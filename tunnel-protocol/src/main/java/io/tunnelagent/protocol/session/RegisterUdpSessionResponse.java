package io.tunnelagent.protocol.session;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.util.Arrays;
import java.util.Objects;

/**
 * Struct {@code RegisterUdpSessionResponse} ({@code 0xab6d5210c1f26687}, data 0 / pointers 2): err Text p0 (empty
 * on success), spans Data p1 (tracing spans). Protocol doc sections 3.9 and 4.3.
 *
 * @param err the error text, empty on success
 * @param spans serialized tracing spans, empty if none
 */
public record RegisterUdpSessionResponse(String err, byte[] spans) implements CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0xab6d5210c1f26687L;

    /**
     * Creates the value.
     *
     * @param err the error text
     * @param spans the spans, copied
     */
    public RegisterUdpSessionResponse {
        Objects.requireNonNull(err, "err");
        spans = spans.clone();
    }

    /**
     * Reads the struct.
     *
     * @param struct the response struct
     * @return the value
     */
    public static RegisterUdpSessionResponse read(StructReader struct) {
        return new RegisterUdpSessionResponse(struct.getText(0), struct.getData(1));
    }

    /**
     * Returns the spans.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] spans() {
        return spans.clone();
    }

    @Override
    public int dataWords() {
        return 0;
    }

    @Override
    public int pointerCount() {
        return 2;
    }

    @Override
    public void write(StructBuilder struct) {
        if (!err.isEmpty()) {
            struct.setText(0, err);
        }
        if (spans.length > 0) {
            struct.setData(1, spans);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegisterUdpSessionResponse r && err.equals(r.err) && Arrays.equals(spans, r.spans);
    }

    @Override
    public int hashCode() {
        return 31 * err.hashCode() + Arrays.hashCode(spans);
    }

    @Override
    public String toString() {
        return "RegisterUdpSessionResponse[err=" + err + ", spans=" + spans.length + " bytes]";
    }
}
