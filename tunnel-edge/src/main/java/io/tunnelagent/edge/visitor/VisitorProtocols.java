package io.tunnelagent.edge.visitor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Locale;

/**
 * Installs the visitor protocols on a connection. Plain connections speak HTTP/1.1, HTTP/2 with prior knowledge
 * (told apart by the client preface) or HTTP/1.1 upgraded with {@code Upgrade: h2c}; TLS connections speak what ALPN
 * chose ({@code h2} or {@code http/1.1}). Each HTTP/2 stream is turned into HTTP/1.1 message objects by Netty's
 * {@link Http2StreamFrameToHttpObjectCodec}, so the same {@link VisitorHandler} and {@link Exchange} serve both
 * versions: one handler per HTTP/1.1 connection, one per HTTP/2 stream.
 */
final class VisitorProtocols {

    /** The HTTP/1.1 codec's name, removed when a WebSocket upgrade turns the connection into a byte pipe. */
    static final String CODEC = "http-codec";

    /** Per-stream receive window for HTTP/2 visitors: how much of a request body the edge takes before it pauses. */
    private static final int STREAM_WINDOW = 1 << 20;

    private static final long MAX_CONCURRENT_STREAMS = 256;
    private static final List<String> EXTENSION_HEADERS = List.of(
            HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text().toString(),
            HttpConversionUtil.ExtensionHeaderNames.SCHEME.text().toString(),
            HttpConversionUtil.ExtensionHeaderNames.PATH.text().toString());

    private VisitorProtocols() {}

    /** A plain connection: HTTP/2 if it starts with the client preface, HTTP/1.1 (with h2c upgrade) otherwise. */
    static ChannelHandler plain(VisitorServer.Context context) {
        return new PrefaceSniffer(context);
    }

    /** After TLS: the protocol ALPN agreed on, HTTP/1.1 when the client offered none. */
    static ChannelHandler negotiated(VisitorServer.Context context) {
        return new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    http2(ctx.pipeline(), context, true);
                } else {
                    http1(ctx.pipeline(), context, true);
                }
            }
        };
    }

    static void http1(ChannelPipeline pipeline, VisitorServer.Context context, boolean tls) {
        HttpServerCodec codec = new HttpServerCodec();
        pipeline.addLast(CODEC, codec);
        if (!tls) {
            pipeline.addLast("h2c-upgrade", new H2cUpgrade(codec, context));
        }
        pipeline.addLast("continue", new HttpServerExpectContinueHandler());
        pipeline.addLast("visitor", new VisitorHandler(context, tls, false));
    }

    static void http2(ChannelPipeline pipeline, VisitorServer.Context context, boolean tls) {
        pipeline.addLast("h2-codec", frameCodec());
        pipeline.addLast("h2-streams", streams(context, tls));
    }

    private static Http2FrameCodec frameCodec() {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .initialWindowSize(STREAM_WINDOW);
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .build();
    }

    private static Http2MultiplexHandler streams(VisitorServer.Context context, boolean tls) {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline()
                        .addLast("h2-http", new Http2StreamFrameToHttpObjectCodec(true))
                        .addLast("h2-extensions", new DropExtensionHeaders())
                        .addLast("continue", new HttpServerExpectContinueHandler())
                        .addLast("visitor", new VisitorHandler(context, tls, true));
            }
        });
    }

    /** Removes the {@code x-http2-*} headers Netty adds when it turns an HTTP/2 request into an HTTP/1.1 one. */
    private static final class DropExtensionHeaders extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                EXTENSION_HEADERS.forEach(request.headers()::remove);
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Upgrades an HTTP/1.1 request without a body that asks for {@code Upgrade: h2c} (RFC 7540 3.2). */
    private static final class H2cUpgrade extends HttpServerUpgradeHandler {

        H2cUpgrade(HttpServerCodec codec, VisitorServer.Context context) {
            super(
                    codec,
                    protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                            ? new Http2ServerUpgradeCodec(frameCodec(), streams(context, false))
                            : null,
                    0);
        }

        /** Only bodiless h2c requests: a body would have to be held whole until the upgrade; others stay HTTP/1.1. */
        @Override
        protected boolean shouldHandleUpgradeRequest(HttpRequest request) {
            String upgrade = request.headers().get(HttpHeaderNames.UPGRADE, "");
            return upgrade.toLowerCase(Locale.ROOT).contains("h2c")
                    && !HttpUtil.isTransferEncodingChunked(request)
                    && HttpUtil.getContentLength(request, 0L) == 0L;
        }
    }

    /**
     * Reads the first bytes of a plain connection: the HTTP/2 client preface installs HTTP/2, anything else
     * HTTP/1.1. The bytes read stay in the stream for the installed codec.
     */
    private static final class PrefaceSniffer extends ByteToMessageDecoder {

        private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

        private final VisitorServer.Context context;

        PrefaceSniffer(VisitorServer.Context context) {
            this.context = context;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
            boolean prefix = ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), length);
            if (prefix && length < PREFACE.readableBytes()) {
                return;
            }
            if (prefix) {
                http2(ctx.pipeline(), context, false);
            } else {
                http1(ctx.pipeline(), context, false);
            }
            ctx.pipeline().remove(this);
        }
    }
}
