package io.tunnelagent.protocol.capnp;

import java.nio.ByteBuffer;

/**
 * Read access to one struct of a {@link MessageReader}. Data fields are addressed by their bit offset in the data
 * section, as in the protocol doc's tables ({@code getLong(64)} reads bits 64–128); pointers by their index in the
 * pointer section. A field beyond the end of the data or pointer section (an older writer's smaller struct) reads
 * as its default — schema evolution. Fields with a non-zero default are stored XOR the default; pass the default
 * to the overloads that take one. Null pointers read as defaults: an empty struct, an empty list, {@code ""}, an
 * empty byte array.
 */
public final class StructReader {

    private final MessageReader message;
    private final int segment;
    private final int dataByte;
    private final int dataBits;
    private final int pointerWord;
    private final int pointerCount;
    private final int nesting;

    StructReader(
            MessageReader message,
            int segment,
            int dataByte,
            int dataBits,
            int pointerWord,
            int pointerCount,
            int nesting) {
        this.message = message;
        this.segment = segment;
        this.dataByte = dataByte;
        this.dataBits = dataBits;
        this.pointerWord = pointerWord;
        this.pointerCount = pointerCount;
        this.nesting = nesting;
    }

    static StructReader empty(MessageReader message, int nesting) {
        return new StructReader(message, 0, 0, 0, 0, 0, nesting - 1);
    }

    /**
     * Returns the size of the data section as written by the sender.
     *
     * @return the data section size in bits
     */
    public int dataSizeBits() {
        return dataBits;
    }

    /**
     * Returns the size of the pointer section as written by the sender.
     *
     * @return the number of pointers
     */
    public int pointerCount() {
        return pointerCount;
    }

    /**
     * Reads a bool field.
     *
     * @param bit the bit offset in the data section
     * @return the value, false if beyond the data section
     */
    public boolean getBool(int bit) {
        return getBool(bit, false);
    }

    /**
     * Reads a bool field with a default (stored XOR the default).
     *
     * @param bit the bit offset in the data section
     * @param defaultValue the schema default
     * @return the value
     */
    public boolean getBool(int bit, boolean defaultValue) {
        if (!inData(bit, 1)) {
            return defaultValue;
        }
        int b = buffer().get(dataByte + bit / 8);
        return (((b >> (bit % 8)) & 1) != 0) != defaultValue;
    }

    /**
     * Reads an 8-bit field as a signed byte.
     *
     * @param bit the bit offset, a multiple of 8
     * @return the value, 0 if beyond the data section
     */
    public byte getByte(int bit) {
        return (byte) getByte(bit, 0);
    }

    /**
     * Reads an 8-bit field with a default; the result holds the field's 8 bits (unsigned).
     *
     * @param bit the bit offset, a multiple of 8
     * @param defaultValue the schema default (its low 8 bits)
     * @return the field as an unsigned value 0–255
     */
    public int getByte(int bit, int defaultValue) {
        return (inData(checkAligned(bit, 8), 8) ? buffer().get(dataByte + bit / 8) ^ defaultValue : defaultValue)
                & 0xFF;
    }

    /**
     * Reads an unsigned 8-bit field.
     *
     * @param bit the bit offset, a multiple of 8
     * @return 0–255
     */
    public int getUInt8(int bit) {
        return getByte(bit, 0);
    }

    /**
     * Reads a 16-bit field as a signed short.
     *
     * @param bit the bit offset, a multiple of 16
     * @return the value, 0 if beyond the data section
     */
    public short getShort(int bit) {
        return (short) getUInt16(bit, 0);
    }

    /**
     * Reads an unsigned 16-bit field (enums and union tags are 16-bit).
     *
     * @param bit the bit offset, a multiple of 16
     * @return 0–65535
     */
    public int getUInt16(int bit) {
        return getUInt16(bit, 0);
    }

    /**
     * Reads a 16-bit field with a default; the result holds the field's 16 bits (unsigned).
     *
     * @param bit the bit offset, a multiple of 16
     * @param defaultValue the schema default (its low 16 bits)
     * @return 0–65535
     */
    public int getUInt16(int bit, int defaultValue) {
        return (inData(checkAligned(bit, 16), 16) ? buffer().getShort(dataByte + bit / 8) ^ defaultValue : defaultValue)
                & 0xFFFF;
    }

    /**
     * Reads a 32-bit field.
     *
     * @param bit the bit offset, a multiple of 32
     * @return the value, 0 if beyond the data section
     */
    public int getInt(int bit) {
        return getInt(bit, 0);
    }

    /**
     * Reads a 32-bit field with a default.
     *
     * @param bit the bit offset, a multiple of 32
     * @param defaultValue the schema default
     * @return the value
     */
    public int getInt(int bit, int defaultValue) {
        return inData(checkAligned(bit, 32), 32) ? buffer().getInt(dataByte + bit / 8) ^ defaultValue : defaultValue;
    }

    /**
     * Reads an unsigned 32-bit field.
     *
     * @param bit the bit offset, a multiple of 32
     * @return 0 to 2^32 − 1
     */
    public long getUInt32(int bit) {
        return getInt(bit) & 0xFFFFFFFFL;
    }

    /**
     * Reads a 64-bit field.
     *
     * @param bit the bit offset, a multiple of 64
     * @return the value, 0 if beyond the data section
     */
    public long getLong(int bit) {
        return getLong(bit, 0);
    }

    /**
     * Reads a 64-bit field with a default.
     *
     * @param bit the bit offset, a multiple of 64
     * @param defaultValue the schema default
     * @return the value
     */
    public long getLong(int bit, long defaultValue) {
        return inData(checkAligned(bit, 64), 64) ? buffer().getLong(dataByte + bit / 8) ^ defaultValue : defaultValue;
    }

    /**
     * Reads a Float32 field.
     *
     * @param bit the bit offset, a multiple of 32
     * @return the value, 0 if beyond the data section
     */
    public float getFloat(int bit) {
        return Float.intBitsToFloat(getInt(bit));
    }

    /**
     * Reads a Float64 field.
     *
     * @param bit the bit offset, a multiple of 64
     * @return the value, 0 if beyond the data section
     */
    public double getDouble(int bit) {
        return Double.longBitsToDouble(getLong(bit));
    }

    /**
     * Tells whether a pointer is non-null.
     *
     * @param index the pointer index
     * @return false for a null pointer or an index beyond the pointer section
     */
    public boolean hasPointer(int index) {
        return index < pointerCount && pointer(index) != 0;
    }

    /**
     * Tells what a pointer designates, resolving far pointers. Use it to read an {@code AnyPointer} field.
     *
     * @param index the pointer index
     * @return the kind, {@link PointerKind#NULL} beyond the pointer section
     * @throws CapnpDecodeException for an unknown "other" pointer or a broken far pointer
     */
    public PointerKind pointerKind(int index) {
        if (!hasPointer(checkIndex(index))) {
            return PointerKind.NULL;
        }
        long pointer = pointer(index);
        long tag = message.follow(segment, pointerWord + index, pointer).tag;
        switch (WirePointer.kind(tag)) {
            case WirePointer.STRUCT:
                return PointerKind.STRUCT;
            case WirePointer.LIST:
                return PointerKind.LIST;
            case WirePointer.OTHER:
                if (WirePointer.isCapability(tag)) {
                    return PointerKind.CAPABILITY;
                }
                break;
            default:
                break;
        }
        throw new CapnpDecodeException("Pointer " + index + " of the struct at word " + pointerWord + " of segment "
                + segment + " is " + WirePointer.kindName(tag) + ", which is not a struct, list or capability");
    }

    /**
     * Reads a struct pointer (also the struct an {@code AnyPointer} points at).
     *
     * @param index the pointer index
     * @return the struct; an empty struct (all defaults) for a null pointer
     * @throws CapnpDecodeException if the pointer is not a valid struct pointer or a limit is exceeded
     */
    public StructReader getStruct(int index) {
        if (checkIndex(index) >= pointerCount) {
            return empty(message, nesting);
        }
        return message.readStruct(segment, pointerWord + index, nesting);
    }

    /**
     * Reads a list pointer of any element type.
     *
     * @param index the pointer index
     * @return the list; empty for a null pointer
     * @throws CapnpDecodeException if the pointer is not a valid list pointer or a limit is exceeded
     */
    public ListReader getList(int index) {
        if (checkIndex(index) >= pointerCount) {
            return ListReader.empty(message, nesting);
        }
        return message.readList(segment, pointerWord + index, nesting);
    }

    /**
     * Reads a Text field: a NUL-terminated byte list decoded as UTF-8 (malformed sequences become U+FFFD).
     *
     * @param index the pointer index
     * @return the text; {@code ""} for a null pointer
     * @throws CapnpDecodeException if the pointer is not a byte list or the text lacks its NUL terminator
     */
    public String getText(int index) {
        return getText(index, "");
    }

    /**
     * Reads a Text field with a default for the null pointer.
     *
     * @param index the pointer index
     * @param defaultValue the value of a null pointer
     * @return the text
     */
    public String getText(int index, String defaultValue) {
        if (!hasPointer(checkIndex(index))) {
            return defaultValue;
        }
        ListReader bytes = getList(index);
        if (bytes.elementSize() != ElementSize.BYTE) {
            throw new CapnpDecodeException("Pointer " + index + " of the struct at word " + pointerWord + " of segment "
                    + segment + " is a list of " + bytes.elementSize() + ", expected Text (bytes)");
        }
        return bytes.asText();
    }

    /**
     * Reads a Data field.
     *
     * @param index the pointer index
     * @return a copy of the bytes; empty for a null pointer
     * @throws CapnpDecodeException if the pointer is not a byte list
     */
    public byte[] getData(int index) {
        if (!hasPointer(checkIndex(index))) {
            return new byte[0];
        }
        ListReader bytes = getList(index);
        if (bytes.elementSize() != ElementSize.BYTE) {
            throw new CapnpDecodeException("Pointer " + index + " of the struct at word " + pointerWord + " of segment "
                    + segment + " is a list of " + bytes.elementSize() + ", expected Data (bytes)");
        }
        return bytes.asBytes();
    }

    /**
     * Reads a capability pointer ("other" pointer kind 3).
     *
     * @param index the pointer index
     * @return the index into the message's capability table
     * @throws CapnpDecodeException if the pointer is not a capability pointer
     */
    public int getCapability(int index) {
        long pointer = index < pointerCount ? pointer(checkIndex(index)) : 0;
        if (!WirePointer.isCapability(pointer)) {
            throw new CapnpDecodeException("Pointer " + index + " of the struct at word " + pointerWord + " of segment "
                    + segment + " is " + WirePointer.kindName(pointer) + ", expected a capability");
        }
        long capability = WirePointer.capabilityIndex(pointer);
        if (capability > Integer.MAX_VALUE) {
            throw new CapnpDecodeException("Capability index " + capability + " is out of range");
        }
        return (int) capability;
    }

    private long pointer(int index) {
        return message.word(segment, (long) pointerWord + index);
    }

    private ByteBuffer buffer() {
        return message.segment(segment);
    }

    private boolean inData(int bit, int width) {
        if (bit < 0) {
            throw new IllegalArgumentException("Bit offset must not be negative: " + bit);
        }
        return (long) bit + width <= dataBits;
    }

    private static int checkAligned(int bit, int width) {
        if (bit % width != 0) {
            throw new IllegalArgumentException("Bit offset " + bit + " is not aligned to the field width " + width);
        }
        return bit;
    }

    private static int checkIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("Pointer index must not be negative: " + index);
        }
        return index;
    }
}
