package io.tunnelagent.protocol.rpc.message;

import java.util.List;
import java.util.Objects;

/**
 * {@code Payload} ({@code 0x9a0e61223d96743b}, 0 data words, 2 pointers): the parameters or results of a call.
 *
 * @param content the {@code AnyPointer} content
 * @param capTable the capabilities referred to by capability pointers in the content
 */
public record Payload(Content content, List<CapDescriptor> capTable) {

    /**
     * Creates a payload.
     *
     * @param content the content
     * @param capTable the capability table
     */
    public Payload {
        Objects.requireNonNull(content, "content");
        capTable = List.copyOf(capTable);
    }

    /**
     * Creates a payload without capabilities.
     *
     * @param content the content
     * @return the payload
     */
    public static Payload of(Content content) {
        return new Payload(content, List.of());
    }
}
