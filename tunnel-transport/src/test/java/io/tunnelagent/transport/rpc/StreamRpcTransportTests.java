package io.tunnelagent.transport.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tunnelagent.protocol.rpc.transport.RpcInbound;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StreamRpcTransportTests {

    private final RecordingStream stream = new RecordingStream();

    private final RecordingInbound rpc = new RecordingInbound();

    @Test
    void framesAreWrittenOnTheWriterInTheOrderTheyWereSent() {
        List<Runnable> queued = new ArrayList<>();
        StreamRpcTransport transport = StreamRpcTransport.writingOn(stream, queued::add);
        transport.start(rpc);

        transport.send(ascii("call"));
        transport.send(ascii("finish"));

        assertThat(stream.written).isEmpty();
        queued.forEach(Runnable::run);
        assertThat(stream.written).containsExactly("call", "finish");
    }

    @Test
    void bytesReadReachTheRpcConnectionUntilThePeerEndsTheStream() {
        StreamRpcTransport transport = StreamRpcTransport.direct(stream);
        transport.start(rpc);

        stream.handler().onData(stream, Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII));
        stream.handler().onInputShutdown(stream);
        ByteBuf late = Unpooled.copiedBuffer("late", StandardCharsets.US_ASCII);
        stream.handler().onData(stream, late);
        stream.handler().onClosed(stream);

        assertThat(rpc.received).containsExactly("abc");
        assertThat(rpc.inputClosed).isEqualTo(1);
        assertThat(rpc.failure).isNull();
        assertThat(late.refCnt()).isZero();
    }

    @Test
    void aResetFailsTheRpcConnectionWithTheCode() {
        StreamRpcTransport.direct(stream).start(rpc);

        stream.handler().onReset(stream, 7);

        assertThat(rpc.failure).isInstanceOf(TransportException.class).hasMessageContaining("code 7");
        assertThat(rpc.inputClosed).isZero();
    }

    @Test
    void aFailedWriteFailsTheRpcConnectionUnlessTheTransportWasClosed() {
        StreamRpcTransport transport = StreamRpcTransport.direct(stream);
        transport.start(rpc);
        stream.failWrites = true;

        transport.send(ascii("call"));
        assertThat(rpc.failure).isInstanceOf(TransportException.class);

        RecordingInbound other = new RecordingInbound();
        StreamRpcTransport closedFirst = StreamRpcTransport.direct(new RecordingStream());
        closedFirst.start(other);
        closedFirst.close();
        closedFirst.send(ascii("late"));
        assertThat(other.failure).isNull();
    }

    @Test
    void closeEndsTheStreamOnce() {
        StreamRpcTransport transport = StreamRpcTransport.direct(stream);
        transport.start(rpc);

        transport.close();
        transport.close();

        assertThat(stream.closes).isEqualTo(1);
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static final class RecordingInbound implements RpcInbound {

        private final List<String> received = new ArrayList<>();

        private int inputClosed;

        private @Nullable Throwable failure;

        @Override
        public void receive(ByteBuffer chunk) {
            received.add(StandardCharsets.US_ASCII.decode(chunk).toString());
        }

        @Override
        public void inputClosed() {
            inputClosed++;
        }

        @Override
        public void failed(Throwable cause) {
            failure = cause;
        }
    }

    private static final class RecordingStream implements TunnelStream {

        private final List<String> written = new ArrayList<>();

        private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

        private @Nullable StreamInboundHandler handler;

        private boolean failWrites;

        private int closes;

        StreamInboundHandler handler() {
            assertThat(handler).as("inbound handler").isNotNull();
            return handler;
        }

        @Override
        public long id() {
            return 0;
        }

        @Override
        public ByteBufAllocator alloc() {
            return ByteBufAllocator.DEFAULT;
        }

        @Override
        public void setInboundHandler(StreamInboundHandler handler) {
            this.handler = handler;
        }

        @Override
        public void setAutoRead(boolean autoRead) {}

        @Override
        public CompletableFuture<Void> write(ByteBuf data) {
            try {
                if (failWrites) {
                    return CompletableFuture.failedFuture(new TransportException("stream reset"));
                }
                written.add(data.toString(StandardCharsets.US_ASCII));
                return CompletableFuture.completedFuture(null);
            } finally {
                data.release();
            }
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public CompletableFuture<Void> shutdownOutput() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void reset(long errorCode) {}

        @Override
        public CompletableFuture<Void> close() {
            closes++;
            closeFuture.complete(null);
            return closeFuture;
        }

        @Override
        public CompletableFuture<Void> closeFuture() {
            return closeFuture;
        }
    }
}
