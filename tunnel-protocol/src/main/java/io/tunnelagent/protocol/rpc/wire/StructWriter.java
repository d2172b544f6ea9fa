package io.tunnelagent.protocol.rpc.wire;

import java.util.ArrayList;
import java.util.List;

/** A struct being built in a {@link WireBuilder}. Setters take byte or bit offsets into the data section. */
public final class StructWriter {

    private final WireBuilder builder;

    private final int start;

    private final int dataWords;

    private final int pointerCount;

    StructWriter(WireBuilder builder, int start, int dataWords, int pointerCount) {
        this.builder = builder;
        this.start = start;
        this.dataWords = dataWords;
        this.pointerCount = pointerCount;
    }

    int start() {
        return this.start;
    }

    /**
     * Sets an 8-, 16-, 32- or 64-bit field.
     *
     * @param byteOffset the byte offset in the data section
     * @param value the value (low {@code size} bytes are written)
     * @param size the field size in bytes
     * @return this
     */
    public StructWriter set(int byteOffset, long value, int size) {
        check(byteOffset + size <= this.dataWords * 8, "data offset " + byteOffset);
        this.builder.putBytes(this.start * 8 + byteOffset, value, size);
        return this;
    }

    /**
     * Sets a bool field.
     *
     * @param bit the bit offset in the data section
     * @param value the stored bit (apply the field's default by XOR first)
     * @return this
     */
    public StructWriter setBit(int bit, boolean value) {
        check(bit < this.dataWords * 64, "bit offset " + bit);
        this.builder.orBit(this.start * 8 + bit / 8, bit % 8, value);
        return this;
    }

    /**
     * Initialises a struct field.
     *
     * @param index the pointer index
     * @param dataWords the data section size
     * @param pointerCount the pointer count
     * @return the new struct
     */
    public StructWriter initStruct(int index, int dataWords, int pointerCount) {
        return this.builder.initStruct(pointerWord(index), dataWords, pointerCount);
    }

    /**
     * Initialises a list of structs (composite list).
     *
     * @param index the pointer index
     * @param count the element count
     * @param dataWords each element's data section size
     * @param pointerCount each element's pointer count
     * @return the elements
     */
    public List<StructWriter> initStructList(int index, int count, int dataWords, int pointerCount) {
        int first = this.builder.initCompositeList(pointerWord(index), count, dataWords, pointerCount);
        List<StructWriter> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            elements.add(
                    new StructWriter(this.builder, first + i * (dataWords + pointerCount), dataWords, pointerCount));
        }
        return elements;
    }

    /**
     * Sets a Text field.
     *
     * @param index the pointer index
     * @param text the text
     * @return this
     */
    public StructWriter setText(int index, String text) {
        this.builder.setText(pointerWord(index), text);
        return this;
    }

    /**
     * Sets a Data field.
     *
     * @param index the pointer index
     * @param bytes the bytes
     * @return this
     */
    public StructWriter setData(int index, byte[] bytes) {
        this.builder.setBytes(pointerWord(index), bytes, false);
        return this;
    }

    /**
     * Sets a capability pointer.
     *
     * @param index the pointer index
     * @param capabilityIndex the index into the payload's capability table
     * @return this
     */
    public StructWriter setCapability(int index, int capabilityIndex) {
        this.builder.setCapability(pointerWord(index), capabilityIndex);
        return this;
    }

    /**
     * Deep-copies another message's pointer target into a pointer field.
     *
     * @param index the pointer index
     * @param from the source
     * @return this
     */
    public StructWriter copy(int index, PointerLocation from) {
        this.builder.copy(from, pointerWord(index));
        return this;
    }

    private int pointerWord(int index) {
        check(index < this.pointerCount, "pointer index " + index);
        return this.start + this.dataWords + index;
    }

    private void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException(what + " is outside a struct of " + this.dataWords + " data words and "
                    + this.pointerCount + " pointers");
        }
    }
}
