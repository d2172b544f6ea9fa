package io.tunnelagent.transport.http2.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Builds the HTTP/2 part of a tunnel connection's pipeline once TLS is up: frame codec (server for the connector,
 * client for the edge) with cloudflared's settings, liveness check, session, stream multiplexer.
 */
public final class Http2Pipelines {

    private Http2Pipelines() {}

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
        if (options.consolidateFlushes()) {
            pipeline.addLast("h2-flush", new FlushConsolidationHandler(256, true));
        }
        pipeline.addLast("h2-codec", codec(server, options));
        pipeline.addLast("h2-liveness", new Http2Liveness(options));
        pipeline.addLast("h2-session", session);
        pipeline.addLast("h2-streams", new Http2MultiplexHandler(streams));
        int increment = options.connectionWindowSize() - Http2CodecUtil.DEFAULT_WINDOW_SIZE;
        if (increment > 0) {
            channel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(increment));
        }
    }

    private static Http2FrameCodec codec(boolean server, Http2Options options) {
        Http2Settings settings = new Http2Settings()
                .maxConcurrentStreams(Http2Options.MAX_CONCURRENT_STREAMS)
                .maxFrameSize(options.maxFrameSize())
                .initialWindowSize(options.initialWindowSize())
                .maxHeaderListSize(Http2Options.MAX_HEADER_LIST_SIZE)
                .headerTableSize(Http2CodecUtil.DEFAULT_HEADER_TABLE_SIZE);
        Http2FrameCodecBuilder builder;
        if (server) {
            builder = Http2FrameCodecBuilder.forServer();
        } else {
            builder = Http2FrameCodecBuilder.forClient();
            settings.pushEnabled(false);
        }
        return builder.initialSettings(settings)
                .gracefulShutdownTimeoutMillis(0)
                .build();
    }
}
