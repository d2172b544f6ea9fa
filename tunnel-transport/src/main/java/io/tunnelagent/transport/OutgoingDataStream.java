package io.tunnelagent.transport;

import io.tunnelagent.protocol.stream.ConnectResponse;
import java.util.concurrent.CompletableFuture;

/**
 * A proxied request opened by the edge (edge role) with {@link TunnelConnection#openDataStream}. The edge writes
 * the request body to {@link #stream()}; once {@link #response()} completes, the inbound bytes of the stream are the
 * response body.
 */
public interface OutgoingDataStream {

    /**
     * The underlying stream.
     *
     * @return the stream
     */
    TunnelStream stream();

    /**
     * The connector's response head. On HTTP/2 it is rebuilt from the response headers: {@code HttpStatus} and the
     * deserialized {@code Cf-Cloudflared-Response-Headers} as {@code HttpHeader:*} entries (a 200 to a WebSocket or
     * TCP request reads as 101); a response whose meta says {@code "src":"cloudflared"} reads as an error.
     *
     * @return completes with the response, or fails if the stream ended before one arrived
     */
    CompletableFuture<ConnectResponse> response();
}
