package io.tunnelagent.protocol.capnp;

/**
 * A value that writes itself as one Cap'n Proto struct of a fixed size: the message records implement it so that
 * they can be the root of a message or the content of an RPC payload ({@link StructBuilder#setStruct}).
 */
public interface CapnpStruct {

    /**
     * Returns the struct's data section size.
     *
     * @return the size in words
     */
    int dataWords();

    /**
     * Returns the struct's pointer section size.
     *
     * @return the number of pointers
     */
    int pointerCount();

    /**
     * Writes the fields into a struct of {@link #dataWords()} words and {@link #pointerCount()} pointers,
     * allocating pointed-to objects in schema order.
     *
     * @param struct the struct to fill
     */
    void write(StructBuilder struct);

    /**
     * Encodes this value as the root of a single-segment framed message.
     *
     * @return the frame
     */
    default byte[] encode() {
        MessageBuilder message = new MessageBuilder();
        write(message.initRoot(dataWords(), pointerCount()));
        return message.toFramedBytes();
    }
}
