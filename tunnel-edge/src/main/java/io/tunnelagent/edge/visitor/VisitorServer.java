package io.tunnelagent.edge.visitor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.tunnelagent.edge.metrics.EdgeMetrics;
import io.tunnelagent.edge.registration.ConnectionRegistry;
import io.tunnelagent.edge.tunnel.TunnelStore;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The visitor listener: HTTP/1.1, plain or TLS, routing every request by {@code Host} to a tunnel. Closing it
 * stops accepting and closes open visitor connections.
 */
public final class VisitorServer implements AutoCloseable {

    static final String CODEC = "http-codec";

    private final Channel server;
    private final io.netty.channel.group.ChannelGroup children;

    private VisitorServer(Channel server, io.netty.channel.group.ChannelGroup children) {
        this.server = server;
        this.children = children;
    }

    /**
     * Binds a visitor listener.
     *
     * @param address the address, port 0 for an ephemeral port
     * @param group the event loop group
     * @param context the routing context
     * @param sslContext the TLS server context, or null for plain HTTP
     * @return the bound listener
     */
    public static VisitorServer bind(
            InetSocketAddress address, EventLoopGroup group, Context context, @Nullable SslContext sslContext) {
        io.netty.channel.group.ChannelGroup children =
                new io.netty.channel.group.DefaultChannelGroup(io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        children.add(channel);
                        if (sslContext != null) {
                            channel.pipeline().addLast("tls", sslContext.newHandler(channel.alloc()));
                        }
                        channel.pipeline()
                                .addLast(CODEC, new HttpServerCodec())
                                .addLast("continue", new HttpServerExpectContinueHandler())
                                .addLast("visitor", new VisitorHandler(context, sslContext != null));
                    }
                })
                .bind(address)
                .syncUninterruptibly()
                .channel();
        return new VisitorServer(server, children);
    }

    /**
     * The bound address.
     *
     * @return the address
     */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        children.close().awaitUninterruptibly();
    }

    /**
     * What the visitor side needs from the edge.
     *
     * @param store the tunnel store (routes)
     * @param registry the live connections
     * @param metrics the metrics
     * @param responseTimeout how long a connector may take to send the response head
     */
    public record Context(
            TunnelStore store, ConnectionRegistry registry, EdgeMetrics metrics, Duration responseTimeout) {}
}
