package io.tunnelagent.transport.http2.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2MultiplexCodec;
import io.netty.handler.codec.http2.Http2MultiplexCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Builds the HTTP/2 part of a tunnel connection's pipeline once TLS is up: liveness check, frame codec and stream
 * multiplexer (server for the connector, client for the edge) with cloudflared's settings, session.
 *
 * <p>This uses Netty's {@link Http2MultiplexCodec} although it is deprecated: its replacement,
 * {@code Http2MultiplexHandler}, decides whether it serves by looking for a server-socket parent channel, and so
 * treats the connector (an HTTP/2 server on a socket it dialled) as a client and refuses the edge's stream 1 as a
 * misconfigured HTTP/1.1 upgrade. The codec asks the HTTP/2 connection instead.
 *
 * <p>Connection window: on the server side (connector) Netty itself raises the connection window by twice the
 * difference between the stream window and 65535 as soon as the codec is added (a WINDOW_UPDATE of 1966082 with the
 * default 1 MiB stream window, where cloudflared sends 983041); a larger {@link Http2Options#connectionWindowSize()}
 * is added on top, a smaller one cannot take it back.
 */
public final class Http2Pipelines {

    /** The name of the handler that {@link #addHandshakeGuard(Channel)} adds. */
    private static final String GUARD = "tls-guard";

    private Http2Pipelines() {}

    /**
     * Adds, after the TLS handler, a handler that closes the connection on a TLS failure during the handshake (the
     * failure is reported through the handshake future); {@link #install} removes it.
     *
     * @param channel the TCP channel with its TLS handler
     */
    public static void addHandshakeGuard(Channel channel) {
        channel.pipeline().addLast(GUARD, new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
    }

    /**
     * Installs the HTTP/2 handlers after the TLS handler and raises the connection window.
     *
     * @param channel the TCP channel, TLS handshake done
     * @param server whether this side is the HTTP/2 server (the connector)
     * @param options the settings
     * @param session the connection's session
     * @param streams the stream initializer for peer-opened streams
     */
    public static void install(
            Channel channel, boolean server, Http2Options options, Http2Session session, ChannelHandler streams) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(GUARD) != null) {
            pipeline.remove(GUARD);
        }
        if (options.consolidateFlushes()) {
            pipeline.addLast("h2-flush", new FlushConsolidationHandler(256, true));
        }
        pipeline.addLast("h2-liveness", new Http2Liveness(options));
        Http2MultiplexCodec codec = codec(server, options, streams);
        pipeline.addLast("h2-codec", codec);
        pipeline.addLast("h2-session", session);
        Http2Connection connection = codec.connection();
        int current = connection.local().flowController().initialWindowSize(connection.connectionStream());
        int increment = options.connectionWindowSize() - current;
        if (increment > 0) {
            channel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(increment));
        }
    }

    @SuppressWarnings("deprecation")
    private static Http2MultiplexCodec codec(boolean server, Http2Options options, ChannelHandler streams) {
        Http2Settings settings = new Http2Settings()
                .maxConcurrentStreams(Http2Options.MAX_CONCURRENT_STREAMS)
                .maxFrameSize(options.maxFrameSize())
                .initialWindowSize(options.initialWindowSize())
                .maxHeaderListSize(Http2Options.MAX_HEADER_LIST_SIZE)
                .headerTableSize(Http2CodecUtil.DEFAULT_HEADER_TABLE_SIZE);
        Http2MultiplexCodecBuilder builder;
        if (server) {
            // Netty's rapid-reset guards close the connection after 200 RST_STREAM frames in 30 s, received or sent
            // in answer to frames for streams already closed. The connector's peer is the edge it dialled and
            // authenticated, which resets a stream whenever a visitor goes away and may send a stream's last DATA
            // after the connector finished it, so a busy tunnel would lose its connection every few seconds
            // (measured by the benchmarks' load harness).
            builder = Http2MultiplexCodecBuilder.forServer(streams)
                    .decoderEnforceMaxRstFramesPerWindow(0, 0)
                    .encoderEnforceMaxRstFramesPerWindow(0, 0);
        } else {
            builder = Http2MultiplexCodecBuilder.forClient(streams);
            settings.pushEnabled(false);
        }
        return builder.initialSettings(settings)
                .gracefulShutdownTimeoutMillis(0)
                .build();
    }
}
