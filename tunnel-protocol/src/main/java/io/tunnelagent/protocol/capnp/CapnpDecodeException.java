package io.tunnelagent.protocol.capnp;

import io.tunnelagent.protocol.ProtocolException;

/**
 * Thrown when bytes do not form a valid Cap'n Proto message, or a valid message does not hold what a message type
 * expects (an unknown enum value or union tag, a pointer of the wrong kind). The message names the offending
 * segment, word, pointer or field. Decoders in this module throw only this type for bad input.
 */
public final class CapnpDecodeException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong, naming the segment, word or field
     */
    public CapnpDecodeException(String message) {
        super(message);
    }
}
