package io.tunnelagent.protocol.rpc.message;

import java.util.Objects;

/**
 * {@code CapDescriptor} ({@code 0x8523ddc40b86b8b0}, 1 data word, 1 pointer): an entry of a payload's capability
 * table. Union tag at data bits 0–16, the ID at bits 32–64, {@code attachedFd} (bits 16–24, default 255) always 255.
 *
 * @param kind which union member is set
 * @param id the export/import ID for {@link Kind#SENDER_HOSTED}, {@link Kind#SENDER_PROMISE} and
 *     {@link Kind#RECEIVER_HOSTED}
 */
public record CapDescriptor(Kind kind, int id) {

    /** The union members, by tag. */
    public enum Kind {
        /** 0: no capability. */
        NONE,
        /** 1: a capability the sender exports. */
        SENDER_HOSTED,
        /** 2: a promise the sender exports. */
        SENDER_PROMISE,
        /** 3: a capability the receiver exported. */
        RECEIVER_HOSTED,
        /** 4: a capability in one of the receiver's answers. */
        RECEIVER_ANSWER,
        /** 5: a capability hosted by a third party. */
        THIRD_PARTY_HOSTED,
        /** A tag this implementation does not know. */
        UNKNOWN;

        static Kind ofTag(int tag) {
            Kind[] kinds = values();
            return (tag < kinds.length - 1) ? kinds[tag] : UNKNOWN;
        }
    }

    /**
     * Creates a descriptor.
     *
     * @param kind the kind
     * @param id the ID
     */
    public CapDescriptor {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Creates a {@code senderHosted} descriptor.
     *
     * @param exportId the sender's export ID
     * @return the descriptor
     */
    public static CapDescriptor senderHosted(int exportId) {
        return new CapDescriptor(Kind.SENDER_HOSTED, exportId);
    }
}
