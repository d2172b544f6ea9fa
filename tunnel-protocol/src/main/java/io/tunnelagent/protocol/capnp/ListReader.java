package io.tunnelagent.protocol.capnp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Read access to one list of a {@link MessageReader}: primitives (including bit lists), pointers (Text, Data,
 * nested lists, structs, capabilities) or inline-composite structs. As in the reference implementation an element
 * is viewed as a struct with a data and a pointer section, so a primitive accessor reads the first field of a
 * struct element and {@link #getStruct(int)} works on lists of primitives too (except bit lists).
 */
public final class ListReader {

    private final MessageReader message;
    private final int segment;
    private final int startByte;
    private final int size;
    private final int stepBits;
    private final int dataBits;
    private final int pointers;
    private final ElementSize elementSize;
    private final int nesting;

    ListReader(
            MessageReader message,
            int segment,
            int startByte,
            int size,
            int stepBits,
            int dataBits,
            int pointers,
            ElementSize elementSize,
            int nesting) {
        this.message = message;
        this.segment = segment;
        this.startByte = startByte;
        this.size = size;
        this.stepBits = stepBits;
        this.dataBits = dataBits;
        this.pointers = pointers;
        this.elementSize = elementSize;
        this.nesting = nesting;
    }

    static ListReader empty(MessageReader message, int nesting) {
        return new ListReader(message, 0, 0, 0, 0, 0, 0, ElementSize.VOID, nesting - 1);
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
     * Returns the element size code of the list pointer ({@link ElementSize#VOID} for a null pointer).
     *
     * @return the element size
     */
    public ElementSize elementSize() {
        return elementSize;
    }

    /**
     * Reads element {@code index} of a bit list (or the first bit of each element otherwise).
     *
     * @param index the element index
     * @return the value
     */
    public boolean getBool(int index) {
        long bit = bitOffset(index);
        requireData(1);
        int b = buffer().get((int) (bit / 8));
        return ((b >> (int) (bit % 8)) & 1) != 0;
    }

    /**
     * Reads an 8-bit element.
     *
     * @param index the element index
     * @return the value
     */
    public byte getByte(int index) {
        requireData(8);
        return buffer().get(byteOffset(index));
    }

    /**
     * Reads a 16-bit element.
     *
     * @param index the element index
     * @return the value
     */
    public short getShort(int index) {
        requireData(16);
        return buffer().getShort(byteOffset(index));
    }

    /**
     * Reads a 32-bit element.
     *
     * @param index the element index
     * @return the value
     */
    public int getInt(int index) {
        requireData(32);
        return buffer().getInt(byteOffset(index));
    }

    /**
     * Reads a 64-bit element.
     *
     * @param index the element index
     * @return the value
     */
    public long getLong(int index) {
        requireData(64);
        return buffer().getLong(byteOffset(index));
    }

    /**
     * Reads a struct element: an inline-composite element, the struct a pointer element points at, or a primitive
     * element seen as a one-field struct.
     *
     * @param index the element index
     * @return the struct
     * @throws CapnpDecodeException for bit lists, or if a pointer element is not a valid struct pointer
     */
    public StructReader getStruct(int index) {
        Objects.checkIndex(index, size);
        if (elementSize == ElementSize.POINTER) {
            return message.readStruct(segment, pointerWord(index), nesting);
        }
        if (elementSize == ElementSize.BIT) {
            throw new CapnpDecodeException("A list of bits cannot be read as a list of structs");
        }
        int start = byteOffset(index);
        return new StructReader(message, segment, start, dataBits, (start + dataBits / 8) / 8, pointers, nesting);
    }

    /**
     * Reads a Text element of a List(Text).
     *
     * @param index the element index
     * @return the text, {@code ""} for a null element
     */
    public String getText(int index) {
        return pointerElement(index).getText(0);
    }

    /**
     * Reads a Data element of a List(Data).
     *
     * @param index the element index
     * @return a copy of the bytes, empty for a null element
     */
    public byte[] getData(int index) {
        return pointerElement(index).getData(0);
    }

    /**
     * Reads a list element of a List(List(...)).
     *
     * @param index the element index
     * @return the nested list, empty for a null element
     */
    public ListReader getList(int index) {
        return pointerElement(index).getList(0);
    }

    /**
     * Returns a copy of the bytes of a byte list (Data, or Text including its NUL).
     *
     * @return the bytes
     */
    public byte[] asBytes() {
        requireData(8);
        byte[] bytes = new byte[size];
        buffer().get(startByte, bytes);
        return bytes;
    }

    String asText() {
        if (size == 0) {
            return "";
        }
        ByteBuffer buffer = buffer();
        if (buffer.get(startByte + size - 1) != 0) {
            throw new CapnpDecodeException(
                    "Text at byte " + startByte + " of segment " + segment + " is not NUL-terminated");
        }
        byte[] bytes = new byte[size - 1];
        buffer.get(startByte, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private StructReader pointerElement(int index) {
        Objects.checkIndex(index, size);
        if (pointers == 0) {
            throw new CapnpDecodeException("The list at byte " + startByte + " of segment " + segment + " holds "
                    + elementSize + " elements without pointers; expected a list of pointers");
        }
        int start = byteOffset(index);
        return new StructReader(message, segment, start, 0, (start + dataBits / 8) / 8, pointers, nesting);
    }

    private int pointerWord(int index) {
        return startByte / 8 + index;
    }

    private long bitOffset(int index) {
        Objects.checkIndex(index, size);
        return (long) startByte * 8 + (long) index * stepBits;
    }

    private int byteOffset(int index) {
        return (int) (bitOffset(index) / 8);
    }

    private void requireData(int bits) {
        if (dataBits < bits && size > 0) {
            throw new CapnpDecodeException("The list at byte " + startByte + " of segment " + segment + " holds "
                    + elementSize + " elements with " + dataBits + " data bits; expected at least " + bits);
        }
    }

    private ByteBuffer buffer() {
        return message.segment(segment);
    }
}
