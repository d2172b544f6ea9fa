package io.tunnelagent.protocol.rpc.wire;

import io.tunnelagent.protocol.rpc.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A struct inside a {@link WireReader}'s message. Fields outside the struct's sections read as zero / null, as Cap'n
 * Proto's schema evolution rules require.
 */
public final class StructView {

    private final WireReader reader;

    private final int segment;

    private final int start;

    private final int dataWords;

    private final int pointerCount;

    private final int depth;

    StructView(WireReader reader, int segment, int start, int dataWords, int pointerCount, int depth) {
        this.reader = reader;
        this.segment = segment;
        this.start = start;
        this.dataWords = dataWords;
        this.pointerCount = pointerCount;
        this.depth = depth;
    }

    /**
     * Reads an unsigned 16-bit field.
     *
     * @param byteOffset the field's byte offset in the data section
     * @return the value
     */
    public int u16(int byteOffset) {
        return (int) (bytes(byteOffset, 2) & 0xFFFF);
    }

    /**
     * Reads an unsigned 8-bit field.
     *
     * @param byteOffset the field's byte offset in the data section
     * @return the value
     */
    public int u8(int byteOffset) {
        return (int) (bytes(byteOffset, 1) & 0xFF);
    }

    /**
     * Reads a 32-bit field.
     *
     * @param byteOffset the field's byte offset in the data section
     * @return the value
     */
    public int u32(int byteOffset) {
        return (int) bytes(byteOffset, 4);
    }

    /**
     * Reads a 64-bit field.
     *
     * @param byteOffset the field's byte offset in the data section
     * @return the value
     */
    public long u64(int byteOffset) {
        return bytes(byteOffset, 8);
    }

    /**
     * Reads a bool field.
     *
     * @param bit the field's bit offset in the data section
     * @return the stored bit (apply the field's default by XOR)
     */
    public boolean bit(int bit) {
        return (bytes(bit / 8, 1) & (1 << (bit % 8))) != 0;
    }

    /**
     * Returns whether a pointer field is set.
     *
     * @param index the pointer index
     * @return {@code false} for a null pointer or a field beyond the pointer section
     */
    public boolean hasPointer(int index) {
        return index < this.pointerCount && this.reader.word(this.segment, pointerWord(index)) != 0;
    }

    /**
     * Resolves a pointer field.
     *
     * @param index the pointer index
     * @return the resolved pointer ({@link Pointer.Kind#NULL} beyond the pointer section)
     */
    public Pointer pointer(int index) {
        if (index >= this.pointerCount) {
            return Pointer.NULL;
        }
        return this.reader.resolve(this.segment, pointerWord(index));
    }

    /**
     * Reads a struct field.
     *
     * @param index the pointer index
     * @return the struct, empty if the pointer is null
     */
    public StructView struct(int index) {
        return this.reader.struct(pointer(index), this.depth + 1);
    }

    /**
     * Reads a list of structs.
     *
     * @param index the pointer index
     * @return the elements, empty if the pointer is null
     */
    public List<StructView> structList(int index) {
        Pointer list = pointer(index);
        if (list.kind() == Pointer.Kind.NULL) {
            return List.of();
        }
        if (list.kind() != Pointer.Kind.LIST || list.elementSize() != 7) {
            throw RpcException.malformed("expected a list of structs");
        }
        if (this.depth + 1 > WireReader.NESTING_LIMIT) {
            throw RpcException.malformed("nesting deeper than " + WireReader.NESTING_LIMIT);
        }
        List<StructView> elements = new ArrayList<>(list.count());
        int words = list.structWords();
        for (int i = 0; i < list.count(); i++) {
            elements.add(new StructView(
                    this.reader,
                    list.segment(),
                    list.word() + i * words,
                    list.dataWords(),
                    list.pointerCount(),
                    this.depth + 1));
        }
        return elements;
    }

    /**
     * Reads a Text field.
     *
     * @param index the pointer index
     * @return the text, empty if the pointer is null
     */
    public String text(int index) {
        byte[] bytes = data(index);
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == 0) {
            length--;
        } else if (length > 0) {
            throw RpcException.malformed("text is not NUL-terminated");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Reads a Data field (a list of bytes).
     *
     * @param index the pointer index
     * @return a copy of the bytes, empty if the pointer is null
     */
    public byte[] data(int index) {
        Pointer list = pointer(index);
        if (list.kind() == Pointer.Kind.NULL) {
            return new byte[0];
        }
        if (list.kind() != Pointer.Kind.LIST || list.elementSize() != 2) {
            throw RpcException.malformed("expected a list of bytes");
        }
        byte[] bytes = new byte[list.count()];
        this.reader.segment(list.segment()).get(list.word() * 8, bytes);
        return bytes;
    }

    /**
     * Returns the reader and location of a pointer field, for copying it elsewhere.
     *
     * @param index the pointer index, which must be inside the pointer section
     * @return the location
     */
    public PointerLocation locate(int index) {
        if (index >= this.pointerCount) {
            return PointerLocation.absent(this.reader);
        }
        return new PointerLocation(this.reader, this.segment, pointerWord(index), this.depth + 1);
    }

    private int pointerWord(int index) {
        return this.start + this.dataWords + index;
    }

    private long bytes(int byteOffset, int size) {
        if (byteOffset + size > this.dataWords * 8) {
            return 0;
        }
        java.nio.ByteBuffer segment = this.reader.segment(this.segment);
        int index = this.start * 8 + byteOffset;
        return switch (size) {
            case 1 -> segment.get(index);
            case 2 -> segment.getShort(index);
            case 4 -> segment.getInt(index);
            default -> segment.getLong(index);
        };
    }
}
