package io.tunnelagent.benchmarks.load.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The origin behind the tunnel: a Netty HTTP/1.1 server on loopback with keep-alive.
 *
 * <ul>
 *   <li>{@code GET /small}: a small body of the configured size;
 *   <li>{@code GET /large/N}: N bytes streamed in 64 KiB chunks as fast as the client reads;
 *   <li>{@code POST /echo}: the request body streamed back as it arrives;
 *   <li>{@code POST /upload}: the request body read and dropped, then its length as text.
 * </ul>
 *
 * <p>The small and echo responses are chunked, or carry {@code Content-Length} when {@code chunked} is false. (The
 * local edge closes a keep-alive visitor connection whose next request arrives before the stream's end, which a
 * client that has read {@code Content-Length} bytes sends at once: see the benchmarks README.)
 */
public final class BenchOrigin implements AutoCloseable {

    private final EventLoopGroup group;

    private final Channel server;

    private BenchOrigin(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /**
     * Starts the origin on an ephemeral loopback port.
     *
     * @param smallBytes the size of the {@code /small} body
     * @param chunked whether the small and echo responses are chunked rather than sized
     * @param threads event loop threads
     * @return the running origin
     * @throws InterruptedException if interrupted while binding
     */
    public static BenchOrigin start(int smallBytes, boolean chunked, int threads) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        byte[] small = new byte[smallBytes];
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new ChunkedWriteHandler())
                                .addLast(new OriginHandler(small, chunked));
                    }
                });
        try {
            Channel server =
                    bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            return new BenchOrigin(group, server);
        } catch (InterruptedException | RuntimeException ex) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw ex;
        }
    }

    /**
     * The address the origin listens on.
     *
     * @return a loopback address
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) this.server.localAddress();
    }

    @Override
    public void close() {
        this.server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
