package io.tunnelagent.autoconfigure.connector;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * The Netty NIO event loops shared by the edge dialers and the origin proxy (daemon threads named
 * {@code tunnel-io-*}); shut down when the context closes, after the connector has stopped.
 */
public final class TunnelEventLoopGroup implements DisposableBean {

    private final EventLoopGroup group;

    /** Creates the group with Netty's default number of threads. */
    public TunnelEventLoopGroup() {
        this.group = new MultiThreadIoEventLoopGroup(
                0, new DefaultThreadFactory("tunnel-io", true), NioIoHandler.newFactory());
    }

    /**
     * Returns the event loop group.
     *
     * @return the group
     */
    public EventLoopGroup group() {
        return this.group;
    }

    @Override
    public void destroy() {
        this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
