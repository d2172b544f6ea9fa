package io.tunnelagent.edge;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A Netty HTTP/2 visitor for tests: h2c with prior knowledge, or TLS with ALPN {@code h2}, SNI and host name
 * verification. Each {@link #request} is one stream on the same connection.
 */
final class H2Visitor implements AutoCloseable {

    /** The stream window; the connection window is four times as large. */
    private static final int WINDOW = 1024 * 1024;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;
    private final String scheme;

    private H2Visitor(InetSocketAddress address, SslContext tls, String serverName) {
        this.scheme = tls == null ? "http" : "https";
        try {
            connection = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            if (tls != null) {
                                channel.pipeline()
                                        .addLast(tls.newHandler(channel.alloc(), serverName, address.getPort()));
                            }
                            channel.pipeline()
                                    .addLast(Http2FrameCodecBuilder.forClient()
                                            .initialSettings(Http2Settings.defaultSettings()
                                                    .pushEnabled(false)
                                                    .initialWindowSize(WINDOW))
                                            .build())
                                    .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                        }
                    })
                    .connect(address)
                    .syncUninterruptibly()
                    .channel();
            SslHandler handler = connection.pipeline().get(SslHandler.class);
            if (handler != null) {
                handler.handshakeFuture().get(10, TimeUnit.SECONDS);
            }
            connection.writeAndFlush(new DefaultHttp2WindowUpdateFrame(4 * WINDOW));
        } catch (Exception ex) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException(ex);
        }
    }

    /** h2c with prior knowledge. */
    static H2Visitor plain(InetSocketAddress address) {
        return new H2Visitor(address, null, null);
    }

    /** TLS with ALPN {@code h2} only, SNI {@code serverName}, certificate checked against it and the CA. */
    static H2Visitor tls(InetSocketAddress address, X509Certificate ca, String serverName) throws Exception {
        SslContext context = SslContextBuilder.forClient()
                .trustManager(ca)
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        return new H2Visitor(address, context, serverName);
    }

    String negotiatedProtocol() {
        SslHandler handler = connection.pipeline().get(SslHandler.class);
        return handler == null ? "h2c" : handler.applicationProtocol();
    }

    Http2Headers headers(String method, String authority, String path) {
        return new DefaultHttp2Headers()
                .method(method)
                .scheme(scheme)
                .authority(authority)
                .path(path);
    }

    /** Opens a stream and sends the head; the body, if any, follows through {@link Response#send}. */
    Response request(Http2Headers headers, boolean endStream, boolean keepBody) throws Exception {
        Response response = new Response(keepBody);
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(response)
                .open()
                .get(10, TimeUnit.SECONDS);
        response.stream = stream;
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, endStream));
        return response;
    }

    Response get(String authority, String path) throws Exception {
        return request(headers("GET", authority, path), true, true);
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One stream's response: head, body (kept or only counted) and its end. */
    static final class Response extends ChannelInboundHandlerAdapter {

        final CompletableFuture<Http2Headers> head = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final boolean keepBody;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private volatile long received;
        volatile LongConsumer onProgress = total -> {};
        Http2StreamChannel stream;

        Response(boolean keepBody) {
            this.keepBody = keepBody;
        }

        /** Writes body chunks of {@code chunk} bytes and ends the stream. */
        void send(byte[] bytes, int chunk) {
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                int length = Math.min(chunk, bytes.length - offset);
                boolean last = offset + length == bytes.length;
                stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes, offset, length), last));
            }
            stream.flush();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame frame) {
                    if (!head.isDone()) {
                        head.complete(frame.headers());
                    }
                    if (frame.isEndStream()) {
                        done.complete(null);
                    }
                } else if (msg instanceof Http2DataFrame frame) {
                    ByteBuf data = frame.content();
                    received += data.readableBytes();
                    if (keepBody) {
                        data.readBytes(body, data.readableBytes());
                    }
                    onProgress.accept(received);
                    if (frame.isEndStream()) {
                        done.complete(null);
                    }
                }
            } catch (java.io.IOException ex) {
                done.completeExceptionally(ex);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            head.completeExceptionally(new IllegalStateException("stream closed before the response head"));
            done.completeExceptionally(new IllegalStateException("stream closed before the end of the body"));
        }

        int status() throws Exception {
            return Integer.parseInt(head.get(20, TimeUnit.SECONDS).status().toString());
        }

        byte[] body() throws Exception {
            done.get(60, TimeUnit.SECONDS);
            return body.toByteArray();
        }

        String text() throws Exception {
            return new String(body(), StandardCharsets.UTF_8);
        }

        long received() {
            return received;
        }
    }
}
