package io.tunnelagent.protocol.capnp;

/** What a pointer designates, after resolving far pointers; see {@link StructReader#pointerKind(int)}. */
public enum PointerKind {
    /** A null pointer (all zero bits), or an index beyond the pointer section. */
    NULL,
    /** A struct. */
    STRUCT,
    /** A list, Text or Data. */
    LIST,
    /** A capability: an index into the RPC payload's capability table. */
    CAPABILITY
}
