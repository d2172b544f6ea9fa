package io.tunnelagent.protocol.rpc.message;

import java.util.Objects;

/**
 * An {@code rpc.capnp} {@code Exception} ({@code 0xd625b7063acf691a}): reason Text at pointer 0, type at data bits
 * 32–48. Encoded with Go's layout (1 data word, 1 pointer; no {@code trace}).
 *
 * @param reason the human-readable reason
 * @param type the exception type
 */
public record ExceptionInfo(String reason, Type type) {

    /** {@code Exception.Type}. */
    public enum Type {
        /** 0: a generic failure. */
        FAILED,
        /** 1: a resource limit was hit. */
        OVERLOADED,
        /** 2: the connection broke. */
        DISCONNECTED,
        /** 3: the method or message is not implemented. */
        UNIMPLEMENTED;

        static Type ofCode(int code) {
            Type[] types = values();
            return (code < types.length) ? types[code] : FAILED;
        }
    }

    /**
     * Creates an exception value.
     *
     * @param reason the reason
     * @param type the type
     */
    public ExceptionInfo {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Creates a {@link Type#FAILED} exception, the type Go uses for its errors.
     *
     * @param reason the reason
     * @return the exception value
     */
    public static ExceptionInfo failed(String reason) {
        return new ExceptionInfo(reason, Type.FAILED);
    }
}
