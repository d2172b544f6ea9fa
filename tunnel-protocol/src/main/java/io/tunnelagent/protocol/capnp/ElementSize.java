package io.tunnelagent.protocol.capnp;

/** The element size code of a Cap'n Proto list pointer (bits 32–34). */
public enum ElementSize {
    /** Code 0: elements take no space. */
    VOID(0),
    /** Code 1: one bit per element. */
    BIT(1),
    /** Code 2: one byte per element (also Text and Data). */
    BYTE(8),
    /** Code 3: two bytes per element. */
    TWO_BYTES(16),
    /** Code 4: four bytes per element. */
    FOUR_BYTES(32),
    /** Code 5: eight bytes per element. */
    EIGHT_BYTES(64),
    /** Code 6: one pointer per element. */
    POINTER(64),
    /** Code 7: structs, preceded by a tag word. */
    INLINE_COMPOSITE(0);

    private static final ElementSize[] BY_CODE = values();

    private final int dataBits;

    ElementSize(int dataBits) {
        this.dataBits = dataBits;
    }

    /**
     * Returns the size code as written in a list pointer.
     *
     * @return 0 to 7
     */
    public int code() {
        return ordinal();
    }

    /**
     * Returns the bits one element occupies, for sizes other than {@link #INLINE_COMPOSITE}.
     *
     * @return the element width in bits
     */
    public int bitsPerElement() {
        return dataBits;
    }

    static ElementSize fromCode(int code) {
        return BY_CODE[code & 7];
    }
}
