package io.tunnelagent.transport.quic;

import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;

/** What a {@link StreamHeadReader} found at the start of a QUIC stream (protocol doc sections 3.2 and 3.3). */
public sealed interface StreamHead {

    /**
     * A data stream opened by the edge: data signature, {@code "01"}, a framed {@code ConnectRequest}.
     *
     * @param request the request
     */
    record Data(ConnectRequest request) implements StreamHead {}

    /**
     * The connector's answer on a data stream: data signature, {@code "01"}, a framed {@code ConnectResponse}.
     *
     * @param response the response
     */
    record Response(ConnectResponse response) implements StreamHead {}

    /** A stream that starts with the RPC signature. */
    record Rpc() implements StreamHead {}

    /**
     * The stream starts with a signature that is not expected here; the stream is refused with a reset.
     *
     * @param message what was found
     */
    record Refused(String message) implements StreamHead {}

    /**
     * A data stream whose {@code ConnectRequest} or {@code ConnectResponse} cannot be decoded (truncated, malformed,
     * an unknown connection type).
     *
     * @param message what is wrong
     */
    record Malformed(String message) implements StreamHead {}
}
