package io.tunnelagent.protocol.stream;

import java.util.List;
import java.util.Objects;

/**
 * The head of a data stream opened by the edge, struct {@code ConnectRequest} ({@code 0xc47116a1045e4061}):
 * data 1 word (type at bits 0–16), pointers 2 (dest Text, metadata List(Metadata)). Protocol doc section 4.2.
 *
 * @param dest the destination: a URL or path for HTTP and WebSocket, {@code IP:port} for TCP
 * @param type the stream type
 * @param metadata the entries, in wire order
 */
public record ConnectRequest(String dest, ConnectionType type, List<Metadata> metadata) {

    /**
     * Creates a request.
     *
     * @param dest the destination
     * @param type the stream type
     * @param metadata the entries
     */
    public ConnectRequest {
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(type, "type");
        metadata = List.copyOf(metadata);
    }
}
