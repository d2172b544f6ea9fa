package io.tunnelagent.transport.http2.connector;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.http2.headers.ResponseHeads;
import io.tunnelagent.transport.netty.ChannelTunnelStream;
import java.util.concurrent.CompletableFuture;

/**
 * A proxied HTTP, WebSocket or TCP request from the edge; {@link #respond(ConnectResponse)} writes the response
 * HEADERS frame (an error response also ends and closes the stream).
 */
final class ProxiedRequest implements IncomingDataStream {

    private final ConnectRequest request;
    private final ChannelTunnelStream stream;
    private boolean responded;

    ProxiedRequest(ConnectRequest request, ChannelTunnelStream stream) {
        this.request = request;
        this.stream = stream;
    }

    @Override
    public ConnectRequest request() {
        return request;
    }

    @Override
    public TunnelStream stream() {
        return stream;
    }

    @Override
    public CompletableFuture<Void> respond(ConnectResponse response) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Channel channel = stream.channel();
        onLoop(channel, () -> {
            if (responded) {
                result.completeExceptionally(
                        new IllegalStateException("Stream " + stream.id() + " already has a response head"));
                return;
            }
            responded = true;
            ResponseHeads.Head head = ResponseHeads.toHeaders(response);
            ChannelFuture write = channel.writeAndFlush(new DefaultHttp2HeadersFrame(head.headers(), head.endStream()));
            write.addListener(f -> {
                if (head.endStream()) {
                    channel.close();
                }
                if (f.isSuccess()) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(f.cause());
                }
            });
        });
        return result;
    }

    @Override
    public String toString() {
        return "ProxiedRequest[stream " + stream.id() + ", " + request.type() + " " + request.dest() + "]";
    }

    /** Runs at once on the event loop (so that a write that follows on the loop comes after the head), else queued. */
    private static void onLoop(Channel channel, Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }
}
