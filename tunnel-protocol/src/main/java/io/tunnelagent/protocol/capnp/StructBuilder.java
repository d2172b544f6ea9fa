package io.tunnelagent.protocol.capnp;

import java.util.Objects;

/**
 * Write access to one struct of a {@link MessageBuilder}. Data fields are addressed by bit offset, pointers by
 * index, exactly like {@link StructReader}. The overloads that take a default store the value XOR the default, as
 * the encoding requires for fields whose schema default is not zero. Objects are appended to the message when a
 * pointer is initialised, so initialise pointers in schema order to match {@code capnp encode}'s layout.
 */
public final class StructBuilder {

    private final MessageBuilder message;
    private final int dataByte;
    private final int dataBits;
    private final int pointerWord;
    private final int pointerCount;

    StructBuilder(MessageBuilder message, int dataByte, int dataBits, int pointerWord, int pointerCount) {
        this.message = message;
        this.dataByte = dataByte;
        this.dataBits = dataBits;
        this.pointerWord = pointerWord;
        this.pointerCount = pointerCount;
    }

    /**
     * Writes a bool field.
     *
     * @param bit the bit offset
     * @param value the value
     * @return this builder
     */
    public StructBuilder setBool(int bit, boolean value) {
        return setBool(bit, value, false);
    }

    /**
     * Writes a bool field whose schema default is {@code defaultValue}.
     *
     * @param bit the bit offset
     * @param value the value
     * @param defaultValue the schema default
     * @return this builder
     */
    public StructBuilder setBool(int bit, boolean value, boolean defaultValue) {
        int at = dataByte + checkField(bit, 1) / 8;
        int mask = 1 << (bit % 8);
        int b = message.buffer().get(at);
        message.buffer().put(at, (byte) (value != defaultValue ? b | mask : b & ~mask));
        return this;
    }

    /**
     * Writes an 8-bit field (the low 8 bits of {@code value}).
     *
     * @param bit the bit offset, a multiple of 8
     * @param value the value
     * @return this builder
     */
    public StructBuilder setByte(int bit, int value) {
        return setByte(bit, value, 0);
    }

    /**
     * Writes an 8-bit field whose schema default is {@code defaultValue}.
     *
     * @param bit the bit offset, a multiple of 8
     * @param value the value
     * @param defaultValue the schema default
     * @return this builder
     */
    public StructBuilder setByte(int bit, int value, int defaultValue) {
        message.buffer().put(dataByte + checkField(bit, 8) / 8, (byte) (value ^ defaultValue));
        return this;
    }

    /**
     * Writes a 16-bit field (the low 16 bits of {@code value}); enums and union tags are 16-bit.
     *
     * @param bit the bit offset, a multiple of 16
     * @param value the value
     * @return this builder
     */
    public StructBuilder setShort(int bit, int value) {
        return setShort(bit, value, 0);
    }

    /**
     * Writes a 16-bit field whose schema default is {@code defaultValue}.
     *
     * @param bit the bit offset, a multiple of 16
     * @param value the value
     * @param defaultValue the schema default
     * @return this builder
     */
    public StructBuilder setShort(int bit, int value, int defaultValue) {
        message.buffer().putShort(dataByte + checkField(bit, 16) / 8, (short) (value ^ defaultValue));
        return this;
    }

    /**
     * Writes a 32-bit field.
     *
     * @param bit the bit offset, a multiple of 32
     * @param value the value
     * @return this builder
     */
    public StructBuilder setInt(int bit, int value) {
        return setInt(bit, value, 0);
    }

    /**
     * Writes a 32-bit field whose schema default is {@code defaultValue}.
     *
     * @param bit the bit offset, a multiple of 32
     * @param value the value
     * @param defaultValue the schema default
     * @return this builder
     */
    public StructBuilder setInt(int bit, int value, int defaultValue) {
        message.buffer().putInt(dataByte + checkField(bit, 32) / 8, value ^ defaultValue);
        return this;
    }

    /**
     * Writes a 64-bit field.
     *
     * @param bit the bit offset, a multiple of 64
     * @param value the value
     * @return this builder
     */
    public StructBuilder setLong(int bit, long value) {
        return setLong(bit, value, 0);
    }

    /**
     * Writes a 64-bit field whose schema default is {@code defaultValue}.
     *
     * @param bit the bit offset, a multiple of 64
     * @param value the value
     * @param defaultValue the schema default
     * @return this builder
     */
    public StructBuilder setLong(int bit, long value, long defaultValue) {
        message.buffer().putLong(dataByte + checkField(bit, 64) / 8, value ^ defaultValue);
        return this;
    }

    /**
     * Writes a Float32 field.
     *
     * @param bit the bit offset, a multiple of 32
     * @param value the value
     * @return this builder
     */
    public StructBuilder setFloat(int bit, float value) {
        return setInt(bit, Float.floatToRawIntBits(value));
    }

    /**
     * Writes a Float64 field.
     *
     * @param bit the bit offset, a multiple of 64
     * @param value the value
     * @return this builder
     */
    public StructBuilder setDouble(int bit, double value) {
        return setLong(bit, Double.doubleToRawLongBits(value));
    }

    /**
     * Allocates a struct and points pointer {@code index} at it (also for an {@code AnyPointer} field).
     *
     * @param index the pointer index
     * @param dataWords the new struct's data section size in words
     * @param pointerCount the new struct's pointer count
     * @return the new struct's builder
     */
    public StructBuilder initStruct(int index, int dataWords, int pointerCount) {
        return message.initStruct(pointer(index), dataWords, pointerCount);
    }

    /**
     * Allocates a struct of the value's size, points pointer {@code index} at it and lets the value write itself.
     *
     * @param index the pointer index
     * @param value the value to write
     * @return the new struct's builder
     */
    public StructBuilder setStruct(int index, CapnpStruct value) {
        StructBuilder struct = initStruct(index, value.dataWords(), value.pointerCount());
        value.write(struct);
        return struct;
    }

    /**
     * Allocates a list of primitives or pointers and points pointer {@code index} at it.
     *
     * @param index the pointer index
     * @param size the element size, not {@link ElementSize#INLINE_COMPOSITE}
     * @param count the element count
     * @return the list's builder
     */
    public ListBuilder initList(int index, ElementSize size, int count) {
        return message.initList(pointer(index), size, count);
    }

    /**
     * Allocates an inline-composite list of structs and points pointer {@code index} at it.
     *
     * @param index the pointer index
     * @param count the element count
     * @param dataWords each element's data section size in words
     * @param pointerCount each element's pointer count
     * @return the list's builder
     */
    public ListBuilder initStructList(int index, int count, int dataWords, int pointerCount) {
        return message.initStructList(pointer(index), count, dataWords, pointerCount);
    }

    /**
     * Writes a Text field (UTF-8 plus a NUL terminator). An empty string is written as a one-byte text, not as a
     * null pointer; leave the pointer unset to write null.
     *
     * @param index the pointer index
     * @param text the text
     * @return this builder
     */
    public StructBuilder setText(int index, String text) {
        message.setText(pointer(index), Objects.requireNonNull(text, "text"));
        return this;
    }

    /**
     * Writes a Data field.
     *
     * @param index the pointer index
     * @param bytes the bytes
     * @return this builder
     */
    public StructBuilder setData(int index, byte[] bytes) {
        message.setBytes(pointer(index), Objects.requireNonNull(bytes, "bytes"), false);
        return this;
    }

    /**
     * Writes a capability pointer ("other" pointer kind 3) referring to an entry of the RPC payload's capTable.
     *
     * @param index the pointer index
     * @param capabilityIndex the index into the capability table
     * @return this builder
     */
    public StructBuilder setCapability(int index, int capabilityIndex) {
        message.setCapability(pointer(index), capabilityIndex);
        return this;
    }

    private int pointer(int index) {
        Objects.checkIndex(index, pointerCount);
        return pointerWord + index;
    }

    private int checkField(int bit, int width) {
        if (bit < 0 || bit % width != 0 || (long) bit + width > dataBits) {
            throw new IllegalArgumentException("A " + width + "-bit field at bit " + bit
                    + " does not fit an aligned slot of the " + dataBits + "-bit data section");
        }
        return bit;
    }
}
