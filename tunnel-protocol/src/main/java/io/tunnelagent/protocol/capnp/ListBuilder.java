package io.tunnelagent.protocol.capnp;

import java.util.Objects;

/**
 * Write access to one list of a {@link MessageBuilder}: primitive elements by index, pointer elements (Text, Data,
 * structs, capabilities), or the structs of an inline-composite list via {@link #getStruct(int)}.
 */
public final class ListBuilder {

    private final MessageBuilder message;
    private final int startByte;
    private final int size;
    private final int stepBits;
    private final int dataBits;
    private final int pointers;
    private final boolean composite;

    ListBuilder(
            MessageBuilder message,
            int startByte,
            int size,
            int stepBits,
            int dataBits,
            int pointers,
            boolean composite) {
        this.message = message;
        this.startByte = startByte;
        this.size = size;
        this.stepBits = stepBits;
        this.dataBits = dataBits;
        this.pointers = pointers;
        this.composite = composite;
    }

    /**
     * Returns the number of elements.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * Writes element {@code index} of a bit list.
     *
     * @param index the element index
     * @param value the value
     * @return this builder
     */
    public ListBuilder setBool(int index, boolean value) {
        long bit = bitOffset(index, 1);
        int at = (int) (bit / 8);
        int mask = 1 << (int) (bit % 8);
        int b = message.buffer().get(at);
        message.buffer().put(at, (byte) (value ? b | mask : b & ~mask));
        return this;
    }

    /**
     * Writes an 8-bit element.
     *
     * @param index the element index
     * @param value the value (low 8 bits)
     * @return this builder
     */
    public ListBuilder setByte(int index, int value) {
        message.buffer().put((int) (bitOffset(index, 8) / 8), (byte) value);
        return this;
    }

    /**
     * Writes a 16-bit element.
     *
     * @param index the element index
     * @param value the value (low 16 bits)
     * @return this builder
     */
    public ListBuilder setShort(int index, int value) {
        message.buffer().putShort((int) (bitOffset(index, 16) / 8), (short) value);
        return this;
    }

    /**
     * Writes a 32-bit element.
     *
     * @param index the element index
     * @param value the value
     * @return this builder
     */
    public ListBuilder setInt(int index, int value) {
        message.buffer().putInt((int) (bitOffset(index, 32) / 8), value);
        return this;
    }

    /**
     * Writes a 64-bit element.
     *
     * @param index the element index
     * @param value the value
     * @return this builder
     */
    public ListBuilder setLong(int index, long value) {
        message.buffer().putLong((int) (bitOffset(index, 64) / 8), value);
        return this;
    }

    /**
     * Returns element {@code index} of an inline-composite list.
     *
     * @param index the element index
     * @return the element's builder
     */
    public StructBuilder getStruct(int index) {
        Objects.checkIndex(index, size);
        if (!composite) {
            throw new IllegalStateException("Only elements of a list of structs can be built as structs");
        }
        int start = startByte + index * (stepBits / 8);
        return new StructBuilder(message, start, dataBits, (start + dataBits / 8) / 8, pointers);
    }

    /**
     * Writes a Text element of a pointer list.
     *
     * @param index the element index
     * @param text the text
     * @return this builder
     */
    public ListBuilder setText(int index, String text) {
        message.setText(pointerWord(index), Objects.requireNonNull(text, "text"));
        return this;
    }

    /**
     * Writes a Data element of a pointer list.
     *
     * @param index the element index
     * @param bytes the bytes
     * @return this builder
     */
    public ListBuilder setData(int index, byte[] bytes) {
        message.setBytes(pointerWord(index), Objects.requireNonNull(bytes, "bytes"), false);
        return this;
    }

    /**
     * Allocates a struct for element {@code index} of a pointer list.
     *
     * @param index the element index
     * @param dataWords the struct's data section size in words
     * @param pointerCount the struct's pointer count
     * @return the struct's builder
     */
    public StructBuilder initStruct(int index, int dataWords, int pointerCount) {
        return message.initStruct(pointerWord(index), dataWords, pointerCount);
    }

    /**
     * Writes a capability element of a pointer list.
     *
     * @param index the element index
     * @param capabilityIndex the index into the capability table
     * @return this builder
     */
    public ListBuilder setCapability(int index, int capabilityIndex) {
        message.setCapability(pointerWord(index), capabilityIndex);
        return this;
    }

    private int pointerWord(int index) {
        Objects.checkIndex(index, size);
        if (composite || pointers != 1 || dataBits != 0) {
            throw new IllegalStateException("Only elements of a list of pointers hold Text, Data or pointers");
        }
        return startByte / 8 + index;
    }

    private long bitOffset(int index, int width) {
        Objects.checkIndex(index, size);
        if (composite || dataBits != width || pointers != 0) {
            throw new IllegalStateException("This list's elements are " + dataBits + "-bit, not " + width + "-bit");
        }
        return (long) startByte * 8 + (long) index * stepBits;
    }
}
