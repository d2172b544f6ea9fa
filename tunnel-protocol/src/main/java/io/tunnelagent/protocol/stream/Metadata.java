package io.tunnelagent.protocol.stream;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.ListBuilder;
import io.tunnelagent.protocol.capnp.ListReader;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One key/value entry of a {@code ConnectRequest} or {@code ConnectResponse}, struct {@code Metadata}
 * ({@code 0xe1446b97bfd1cd37}). Keys such as {@code HttpMethod}, {@code HttpHost}, {@code HttpStatus} and
 * {@code HttpHeader:<Name>} (one entry per header value) are described in the protocol doc, section 3.4.
 *
 * @param key the key, never null
 * @param value the value, never null
 */
public record Metadata(String key, String value) implements CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0xe1446b97bfd1cd37L;

    /** Data section size in words. */
    public static final int DATA_WORDS = 0;

    /** Pointer section size. */
    public static final int POINTERS = 2;

    /** Key of the HTTP method entry sent by the edge. */
    public static final String HTTP_METHOD = "HttpMethod";

    /** Key of the HTTP host entry sent by the edge. */
    public static final String HTTP_HOST = "HttpHost";

    /** Key of the HTTP status entry sent by the connector. */
    public static final String HTTP_STATUS = "HttpStatus";

    /** Prefix of header entries; the header name follows the colon. */
    public static final String HTTP_HEADER_PREFIX = "HttpHeader:";

    /** Key of the WARP flow identifier. */
    public static final String FLOW_ID = "FlowID";

    /** Key the connector sets to {@code true} when its flow limiter refused the request. */
    public static final String FLOW_CONNECT_RATE_LIMITED = "FlowConnectRateLimited";

    /**
     * Creates an entry.
     *
     * @param key the key
     * @param value the value
     */
    public Metadata {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a header entry {@code HttpHeader:<name>=<value>}.
     *
     * @param name the header name
     * @param value one header value
     * @return the entry
     */
    public static Metadata header(String name, String value) {
        return new Metadata(HTTP_HEADER_PREFIX + name, value);
    }

    /**
     * Reads an entry from its struct; null texts read as empty strings.
     *
     * @param struct the {@code Metadata} struct
     * @return the entry
     */
    public static Metadata read(StructReader struct) {
        return new Metadata(struct.getText(0), struct.getText(1));
    }

    /**
     * Writes this entry into its struct, key before value; empty texts are written as null pointers.
     *
     * @param struct a struct of {@link #DATA_WORDS} data words and {@link #POINTERS} pointers
     */
    @Override
    public void write(StructBuilder struct) {
        if (!key.isEmpty()) {
            struct.setText(0, key);
        }
        if (!value.isEmpty()) {
            struct.setText(1, value);
        }
    }

    @Override
    public int dataWords() {
        return DATA_WORDS;
    }

    @Override
    public int pointerCount() {
        return POINTERS;
    }

    static List<Metadata> readList(ListReader list) {
        List<Metadata> entries = new ArrayList<>(Math.min(list.size(), 1024));
        for (int i = 0; i < list.size(); i++) {
            entries.add(read(list.getStruct(i)));
        }
        return entries;
    }

    static void writeList(StructBuilder struct, int pointer, List<Metadata> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ListBuilder list = struct.initStructList(pointer, entries.size(), DATA_WORDS, POINTERS);
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).write(list.getStruct(i));
        }
    }
}
