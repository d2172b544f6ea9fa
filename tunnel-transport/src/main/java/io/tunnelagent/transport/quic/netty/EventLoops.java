package io.tunnelagent.transport.quic.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the datagram channel for an event loop group: epoll when {@code netty-transport-native-epoll} is on the
 * class path and loads (and the group runs epoll), NIO otherwise.
 */
final class EventLoops {

    private static final Logger log = LoggerFactory.getLogger(EventLoops.class);

    private static final boolean EPOLL = epollAvailable();

    private EventLoops() {}

    /**
     * Creates a group the caller owns and must shut down.
     *
     * @param name the thread name prefix
     * @param threads the number of threads
     * @return the group
     */
    static EventLoopGroup newGroup(String name, int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
        if (EPOLL) {
            return new MultiThreadIoEventLoopGroup(
                    threads, threadFactory, io.netty.channel.epoll.EpollIoHandler.newFactory());
        }
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
    }

    /**
     * A bootstrap for a UDP socket on the group.
     *
     * @param group the group
     * @param socketBufferSize SO_RCVBUF/SO_SNDBUF, 0 for the OS default
     * @return the bootstrap, without a handler
     */
    static Bootstrap datagramBootstrap(EventLoopGroup group, int socketBufferSize) {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(datagramChannelType(group));
        if (socketBufferSize > 0) {
            bootstrap
                    .option(ChannelOption.SO_RCVBUF, socketBufferSize)
                    .option(ChannelOption.SO_SNDBUF, socketBufferSize);
        }
        return bootstrap;
    }

    private static Class<? extends DatagramChannel> datagramChannelType(EventLoopGroup group) {
        if (EPOLL
                && group.next() instanceof io.netty.channel.IoEventLoop loop
                && loop.isIoType(io.netty.channel.epoll.EpollIoHandler.class)) {
            return io.netty.channel.epoll.EpollDatagramChannel.class;
        }
        return NioDatagramChannel.class;
    }

    private static boolean epollAvailable() {
        try {
            boolean available = io.netty.channel.epoll.Epoll.isAvailable();
            log.debug("Netty epoll transport available: {}", available);
            return available;
        } catch (LinkageError ex) {
            log.debug("Netty epoll transport not on the class path; using NIO datagram channels");
            return false;
        }
    }
}
