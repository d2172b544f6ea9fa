package io.tunnelagent.edge.visitor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.tunnelagent.edge.metrics.EdgeMetrics;
import io.tunnelagent.edge.registration.ConnectionRegistry;
import io.tunnelagent.edge.tunnel.TunnelStore;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The visitor listener, plain or TLS, routing every request by {@code Host} (HTTP/2: {@code :authority}) to a
 * tunnel. Plain connections speak HTTP/1.1, h2c with prior knowledge, or HTTP/1.1 upgraded to h2c; TLS connections
 * negotiate {@code h2} or {@code http/1.1} by ALPN, with a certificate picked by SNI ({@link HostCertificates}).
 * The socket binds with {@code SO_REUSEADDR}, so an edge restarted on the same port right away can bind it. Closing
 * it stops accepting and closes open visitor connections.
 */
public final class VisitorServer implements AutoCloseable {

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
     * @param certificates the certificates by server name for HTTPS, or null for plain HTTP
     * @return the bound listener
     */
    public static VisitorServer bind(
            InetSocketAddress address, EventLoopGroup group, Context context, @Nullable HostCertificates certificates) {
        io.netty.channel.group.ChannelGroup children =
                new io.netty.channel.group.DefaultChannelGroup(io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        children.add(channel);
                        if (certificates != null) {
                            channel.pipeline()
                                    .addLast("tls", new SniHandler(certificates))
                                    .addLast("alpn", VisitorProtocols.negotiated(context));
                        } else {
                            channel.pipeline().addLast("sniff", VisitorProtocols.plain(context));
                        }
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
