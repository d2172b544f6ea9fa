package io.tunnelagent.transport.http2.edge;

import io.netty.handler.codec.http2.Http2Headers;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.http2.headers.ResponseHeads;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A proxied request the edge sent; its response head completes {@link #response()}. */
final class OutgoingRequest implements OutgoingDataStream {

    private final ConnectionType type;
    private final CompletableFuture<ConnectResponse> response = new CompletableFuture<>();
    private @Nullable ChannelTunnelStream stream;

    OutgoingRequest(ConnectionType type) {
        this.type = type;
    }

    void attached(ChannelTunnelStream stream) {
        this.stream = stream;
        stream.closeFuture()
                .thenRun(() -> response.completeExceptionally(new TransportException(
                        "Stream " + stream.id() + " ended before the connector sent a response head")));
    }

    /** Called on the event loop with the response HEADERS. */
    void onHead(Http2Headers headers) {
        try {
            response.complete(ResponseHeads.fromHeaders(headers, type));
        } catch (TransportException ex) {
            response.completeExceptionally(ex);
            ChannelTunnelStream current = stream;
            if (current != null) {
                current.reset(0x1);
            }
        }
    }

    @Override
    public TunnelStream stream() {
        ChannelTunnelStream current = stream;
        if (current == null) {
            throw new IllegalStateException("The request stream is not open yet");
        }
        return current;
    }

    @Override
    public CompletableFuture<ConnectResponse> response() {
        return response;
    }
}
