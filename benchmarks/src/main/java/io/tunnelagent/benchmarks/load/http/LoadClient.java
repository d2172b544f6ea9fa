package io.tunnelagent.benchmarks.load.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The load generator: Netty HTTP/1.1 keep-alive connections on one event loop thread. Closed-loop runs keep
 * {@code concurrency} connections each with one request outstanding for a warm-up and then a measured window; large
 * transfers move one body on one connection.
 */
public final class LoadClient implements AutoCloseable {

    /** How long after the end of a closed-loop run a connection may still wait for its last response. */
    private static final long STALL_SECONDS = 30;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    /**
     * Closed-loop GETs.
     *
     * @param endpoint where to send them
     * @param path the request path
     * @param concurrency connections, each with one request outstanding
     * @param warmup time before measuring
     * @param duration measured window
     * @return the requests completed in the window and their latencies
     * @throws Exception if the run does not end in time
     */
    public LatencyResult get(Endpoint endpoint, String path, int concurrency, Duration warmup, Duration duration)
            throws Exception {
        return closedLoop(
                endpoint,
                () -> request(endpoint, HttpMethod.GET, path, Unpooled.EMPTY_BUFFER),
                concurrency,
                warmup,
                duration);
    }

    /**
     * Closed-loop POSTs of a body of {@code bodyBytes}.
     *
     * @param endpoint where to send them
     * @param path the request path
     * @param bodyBytes the request body size
     * @param concurrency connections, each with one request outstanding
     * @param warmup time before measuring
     * @param duration measured window
     * @return the requests completed in the window and their latencies
     * @throws Exception if the run does not end in time
     */
    public LatencyResult post(
            Endpoint endpoint, String path, int bodyBytes, int concurrency, Duration warmup, Duration duration)
            throws Exception {
        byte[] body = new byte[bodyBytes];
        return closedLoop(
                endpoint,
                () -> request(endpoint, HttpMethod.POST, path, Unpooled.wrappedBuffer(body)),
                concurrency,
                warmup,
                duration);
    }

    /**
     * Downloads {@code bytes} from {@code /large/bytes} on one connection.
     *
     * @param endpoint where from
     * @param bytes the body size
     * @param limit how long to wait before giving up
     * @return the bytes received and the time
     * @throws Exception if the connection cannot be made
     */
    public TransferResult download(Endpoint endpoint, long bytes, Duration limit) throws Exception {
        HttpRequest request = request(endpoint, HttpMethod.GET, "/large/" + bytes, Unpooled.EMPTY_BUFFER);
        return transfer(endpoint, new TransferHandler(request, 0), limit);
    }

    /**
     * Uploads {@code bytes} to {@code /upload} on one connection; the origin answers with the count it read.
     *
     * @param endpoint where to
     * @param bytes the body size
     * @param limit how long to wait before giving up
     * @return the bytes sent and the time until the origin answered
     * @throws Exception if the connection cannot be made
     */
    public TransferResult upload(Endpoint endpoint, long bytes, Duration limit) throws Exception {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/upload");
        request.headers().set(HttpHeaderNames.HOST, endpoint.host());
        HttpUtil.setContentLength(request, bytes);
        return transfer(endpoint, new TransferHandler(request, bytes), limit);
    }

    private LatencyResult closedLoop(
            Endpoint endpoint, Supplier<FullHttpRequest> requests, int concurrency, Duration warmup, Duration duration)
            throws Exception {
        long from = System.nanoTime() + warmup.toNanos();
        ClosedLoop run = new ClosedLoop(requests, from, from + duration.toNanos(), concurrency);
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            ChannelFuture connect = bootstrap(new ClosedLoopHandler(run)).connect(endpoint.address());
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    run.connectionDone("connect failed: " + f.cause());
                }
            });
            channels.add(connect.channel());
        }
        EventLoop loop = this.group.next();
        try {
            run.finished.get(warmup.plus(duration).toSeconds() + STALL_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException ex) {
            loop.submit(() -> run.abandon(STALL_SECONDS)).get(10, TimeUnit.SECONDS);
        } finally {
            channels.forEach(Channel::close);
        }
        // the run's state belongs to the event loop thread
        return loop.submit(run::result).get(10, TimeUnit.SECONDS);
    }

    private TransferResult transfer(Endpoint endpoint, TransferHandler handler, Duration limit) throws Exception {
        Channel channel = bootstrap(handler).connect(endpoint.address()).sync().channel();
        try {
            return handler.result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            return new TransferResult(
                    handler.received(),
                    limit.toNanos() / 1e9,
                    "not done after " + limit.toSeconds() + " s (" + handler.received() + " response bytes)");
        } finally {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private Bootstrap bootstrap(ChannelHandler handler) {
        return new Bootstrap()
                .group(this.group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new ChunkedWriteHandler())
                                .addLast(handler);
                    }
                });
    }

    private static FullHttpRequest request(Endpoint endpoint, HttpMethod method, String path, ByteBuf body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path, body);
        request.headers().set(HttpHeaderNames.HOST, endpoint.host());
        if (method.equals(HttpMethod.POST)) {
            HttpUtil.setContentLength(request, body.readableBytes());
        }
        return request;
    }

    @Override
    public void close() {
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
