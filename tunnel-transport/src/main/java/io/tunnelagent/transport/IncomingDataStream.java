package io.tunnelagent.transport;

import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import java.util.concurrent.CompletableFuture;

/**
 * A proxied request opened by the edge (connector role), after its head was read: on QUIC the data signature,
 * version {@code "01"} and the {@code ConnectRequest}; on HTTP/2 the request headers mapped to the same
 * {@code ConnectRequest} (method, host, every header as {@code HttpHeader:*}, the connection type from the internal
 * headers). The inbound bytes of {@link #stream()} are the request body (or, for WebSocket and TCP, the raw bytes
 * from the visitor).
 *
 * <p>The connector answers with {@link #respond(ConnectResponse)} exactly once and only then writes the response
 * body to {@link #stream()}: on QUIC the response is the signature, {@code "01"} and the {@code ConnectResponse}; on
 * HTTP/2 it becomes the response headers ({@code :status}, {@code Cf-Cloudflared-Response-Headers},
 * {@code Cf-Cloudflared-Response-Meta}, protocol doc 5.4–5.6).
 */
public non-sealed interface IncomingDataStream extends IncomingStream {

    /**
     * The request head.
     *
     * @return the request
     */
    ConnectRequest request();

    /**
     * Sends the response head. An error response ({@link ConnectResponse#isError()}) is followed by closing the
     * stream.
     *
     * @param response the response
     * @return completes when the head was written
     */
    CompletableFuture<Void> respond(ConnectResponse response);
}
