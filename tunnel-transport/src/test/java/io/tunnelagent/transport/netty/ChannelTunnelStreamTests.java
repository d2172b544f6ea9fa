package io.tunnelagent.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelTunnelStreamTests {

    private final List<String> events = new ArrayList<>();

    private final StreamOperations operations = new StreamOperations() {
        @Override
        public Object wrap(ByteBuf data) {
            return data;
        }

        @Override
        public ChannelFuture shutdownOutput(Channel channel) {
            events.add("fin");
            return channel.newSucceededFuture();
        }

        @Override
        public void reset(Channel channel, long errorCode) {
            events.add("reset " + errorCode);
            channel.close();
        }

        @Override
        public void closeAfterOutputEnded(Channel channel) {
            events.add("close");
            channel.close();
        }
    };

    private final StreamInboundHandler recorder = new StreamInboundHandler() {
        @Override
        public void onData(TunnelStream stream, ByteBuf data) {
            events.add("data " + data.toString(StandardCharsets.US_ASCII));
            data.release();
        }

        @Override
        public void onInputShutdown(TunnelStream stream) {
            events.add("input ended");
        }

        @Override
        public void onReset(TunnelStream stream, long errorCode) {
            events.add("peer reset " + errorCode);
        }

        @Override
        public void onClosed(TunnelStream stream) {
            events.add("closed");
        }
    };

    @Test
    void inboundDataBeforeHandlerIsHeldAndDeliveredInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelTunnelStream stream = ChannelTunnelStream.attach(channel, 4, operations);
        channel.writeInbound(ascii("a"));
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(events).isEmpty();

        stream.setInboundHandler(recorder);

        assertThat(events).containsExactly("data a", "input ended");
        channel.finishAndReleaseAll();
    }

    @Test
    void shutdownOutputIsSentAfterPendingWrites() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelTunnelStream stream = ChannelTunnelStream.attach(channel, 0, operations);
        stream.setInboundHandler(recorder);

        stream.write(ascii("hello"));
        stream.shutdownOutput();

        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        written.release();
        assertThat(events).containsExactly("fin");
        assertThat(stream.write(ascii("late"))).isCompletedExceptionally();
        channel.finishAndReleaseAll();
    }

    @Test
    void peerResetIsReportedAndThenClosed() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelTunnelStream stream = ChannelTunnelStream.attach(channel, 8, operations);
        stream.setInboundHandler(recorder);

        channel.pipeline().fireUserEventTriggered(new StreamSignal.Reset(7));
        channel.close();

        assertThat(events).containsExactly("peer reset 7", "closed");
        assertThat(stream.closeFuture()).isCompleted();
    }

    @Test
    void closeEndsOutputThenCloses() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelTunnelStream stream = ChannelTunnelStream.attach(channel, 8, operations);
        stream.setInboundHandler(recorder);

        stream.close();

        assertThat(events).containsExactly("fin", "close", "closed");
        assertThat(stream.closeFuture()).isCompleted();
    }

    @Test
    void writabilityFollowsTheBytesTheTransportHasNotAcceptedYet() {
        List<ChannelPromise> held = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
                held.add(promise);
            }
        });
        ChannelTunnelStream stream = ChannelTunnelStream.attach(channel, 0, operations);
        List<Boolean> changes = new ArrayList<>();
        stream.setInboundHandler(new StreamInboundHandler() {
            @Override
            public void onData(TunnelStream s, ByteBuf data) {
                data.release();
            }

            @Override
            public void onWritabilityChanged(TunnelStream s) {
                changes.add(s.isWritable());
            }
        });

        int chunk = 64 * 1024;
        int chunks = ChannelTunnelStream.HIGH_WATER_MARK / chunk + 1;
        for (int i = 0; i < chunks; i++) {
            stream.write(Unpooled.wrappedBuffer(new byte[chunk]));
        }
        assertThat(stream.isWritable()).isFalse();

        int accepted = 0;
        while (!stream.isWritable()) {
            held.get(accepted++).setSuccess();
        }
        assertThat((long) (chunks - accepted) * chunk).isLessThanOrEqualTo(ChannelTunnelStream.LOW_WATER_MARK);
        assertThat(changes).containsExactly(true);
        channel.finishAndReleaseAll();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
