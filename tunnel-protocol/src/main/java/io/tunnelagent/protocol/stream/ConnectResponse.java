package io.tunnelagent.protocol.stream;

import java.util.List;

/**
 * The connector's answer at the head of a data stream, struct {@code ConnectResponse} ({@code 0xb1032ec91cef8727}):
 * data 0 words, pointers 2 (error Text, metadata List(Metadata)). Protocol doc sections 3.4 and 4.2. An empty
 * {@code error} means success; a null pointer on the wire reads as the empty string.
 *
 * @param error the error text, empty on success
 * @param metadata the entries, in wire order
 */
public record ConnectResponse(String error, List<Metadata> metadata) {

    /**
     * Creates a response.
     *
     * @param error the error text, empty on success
     * @param metadata the entries
     */
    public ConnectResponse {
        error = error == null ? "" : error;
        metadata = List.copyOf(metadata);
    }

    /**
     * Whether this response reports an error rather than a proxied response.
     *
     * @return true if {@code error} is not empty
     */
    public boolean isError() {
        return !error.isEmpty();
    }
}
