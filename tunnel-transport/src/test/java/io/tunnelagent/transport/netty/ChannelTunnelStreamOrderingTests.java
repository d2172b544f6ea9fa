package io.tunnelagent.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ordering of operations issued alternately from another thread and from the event loop, on a real event loop. */
class ChannelTunnelStreamOrderingTests {

    private final EventLoopGroup group = new DefaultEventLoopGroup(1);

    @AfterEach
    void shutDown() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    @Test
    void writeHandedOverFromAnotherThreadStaysAheadOfALaterWriteOnTheEventLoop() throws Exception {
        StringBuilder received = new StringBuilder();
        CountDownLatch receivedBoth = new CountDownLatch(2);
        LocalAddress address = new LocalAddress("ordering-" + System.nanoTime());
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        channel.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                received.append(msg.toString(StandardCharsets.US_ASCII));
                                receivedBoth.countDown();
                            }
                        });
                    }
                })
                .bind(address)
                .sync()
                .channel();
        Channel client = new Bootstrap()
                .group(group)
                .channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {}
                })
                .connect(address)
                .sync()
                .channel();
        ChannelTunnelStream stream = ChannelTunnelStream.attach(client, 0, passThrough());
        stream.setInboundHandler((s, data) -> data.release());

        CountDownLatch firstHandedOver = new CountDownLatch(1);
        CompletableFuture<Void> onLoop = new CompletableFuture<>();
        client.eventLoop().execute(() -> {
            try {
                assertThat(firstHandedOver.await(5, TimeUnit.SECONDS)).isTrue();
                stream.write(ascii("second"));
                onLoop.complete(null);
            } catch (Throwable ex) {
                onLoop.completeExceptionally(ex);
            }
        });
        stream.write(ascii("first"));
        firstHandedOver.countDown();

        onLoop.get(5, TimeUnit.SECONDS);
        assertThat(receivedBoth.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(received.toString()).isEqualTo("firstsecond");
        client.close().sync();
        server.close().sync();
    }

    private static StreamOperations passThrough() {
        return new StreamOperations() {
            @Override
            public Object wrap(ByteBuf data) {
                return data;
            }

            @Override
            public ChannelFuture shutdownOutput(Channel channel) {
                return channel.newSucceededFuture();
            }

            @Override
            public void reset(Channel channel, long errorCode) {
                channel.close();
            }

            @Override
            public void closeAfterOutputEnded(Channel channel) {
                channel.close();
            }
        };
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
