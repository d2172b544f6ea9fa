package io.tunnelagent.core.origin.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tunnelagent.core.origin.OriginErrors;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import jdk.net.ExtendedSocketOptions;

/**
 * Dials origins on the shared NIO event loop group: TCP with a connect timeout and TCP keep-alive, or a Unix domain
 * socket (JDK 16+ {@code AF_UNIX} through {@link NioDomainSocketChannel}, no native library needed). Channels come
 * back with auto-read off. Failures are {@link io.tunnelagent.core.origin.OriginException}s worded like Go
 * ({@code dial tcp 127.0.0.1:9: connect: connection refused}, {@code dial tcp 10.0.0.1:80: i/o timeout}).
 *
 * <p>Host names are resolved with {@link InetAddress#getByName}, which takes the first address the system
 * resolver returns; there is no RFC 6555 racing between IPv4 and IPv6, so {@code noHappyEyeballs} changes nothing.
 */
public final class TcpDialer {

    private final EventLoopGroup group;

    /**
     * Creates a dialer.
     *
     * @param group an NIO event loop group ({@code MultiThreadIoEventLoopGroup} with {@code NioIoHandler})
     */
    public TcpDialer(EventLoopGroup group) {
        this.group = group;
    }

    /**
     * Dials a TCP host and port.
     *
     * @param host a host name or IP literal (without brackets)
     * @param port the port
     * @param connectTimeout the dial timeout
     * @param keepAlive the TCP keep-alive idle time and interval ({@link Duration#ZERO} disables keep-alive)
     * @param handler the initial handler of the new channel
     * @return the connected channel
     */
    public CompletableFuture<Channel> dialTcp(
            String host, int port, Duration connectTimeout, Duration keepAlive, ChannelHandler handler) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        this.group.next().execute(() -> {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (Exception ex) {
                result.completeExceptionally(
                        OriginErrors.dialFailed("tcp", InetSocketAddress.createUnresolved(host, port), ex));
                return;
            }
            Bootstrap bootstrap = base(connectTimeout, handler).channel(NioSocketChannel.class);
            if (!keepAlive.isZero() && !keepAlive.isNegative()) {
                int seconds = (int) Math.max(1, keepAlive.getSeconds());
                bootstrap
                        .option(ChannelOption.SO_KEEPALIVE, true)
                        .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), seconds)
                        .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), seconds);
            }
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
            connect(bootstrap, "tcp", address, result);
        });
        return result;
    }

    /**
     * Dials a Unix domain socket.
     *
     * @param path the socket path
     * @param connectTimeout the dial timeout
     * @param handler the initial handler of the new channel
     * @return the connected channel
     */
    public CompletableFuture<Channel> dialUnix(String path, Duration connectTimeout, ChannelHandler handler) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        Bootstrap bootstrap = base(connectTimeout, handler).channel(NioDomainSocketChannel.class);
        connect(bootstrap, "unix", UnixDomainSocketAddress.of(path), result);
        return result;
    }

    private Bootstrap base(Duration connectTimeout, ChannelHandler handler) {
        return new Bootstrap()
                .group(this.group)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(handler);
    }

    private static void connect(
            Bootstrap bootstrap, String network, SocketAddress address, CompletableFuture<Channel> result) {
        bootstrap.connect(address).addListener(f -> {
            io.netty.channel.ChannelFuture future = (io.netty.channel.ChannelFuture) f;
            if (future.isSuccess()) {
                result.complete(future.channel());
            } else {
                result.completeExceptionally(OriginErrors.dialFailed(network, address, future.cause()));
            }
        });
    }
}
