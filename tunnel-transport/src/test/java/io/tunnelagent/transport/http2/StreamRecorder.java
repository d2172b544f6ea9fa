package io.tunnelagent.transport.http2;

import io.netty.buffer.ByteBuf;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Records what arrives on a stream, for tests. */
public final class StreamRecorder implements StreamInboundHandler {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Void> inputEnded = new CompletableFuture<>();
    private final CompletableFuture<Long> reset = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile long received;

    /**
     * Records a stream.
     *
     * @param stream the stream
     * @return the recorder, already the stream's handler
     */
    public static StreamRecorder on(TunnelStream stream) {
        StreamRecorder recorder = new StreamRecorder();
        stream.setInboundHandler(recorder);
        return recorder;
    }

    @Override
    public void onData(TunnelStream stream, ByteBuf data) {
        synchronized (bytes) {
            received += data.readableBytes();
            if (bytes.size() < 1 << 20) {
                byte[] copy = new byte[Math.min(data.readableBytes(), (1 << 20) - bytes.size())];
                data.readBytes(copy);
                bytes.writeBytes(copy);
            }
        }
        data.release();
    }

    @Override
    public void onInputShutdown(TunnelStream stream) {
        inputEnded.complete(null);
    }

    @Override
    public void onReset(TunnelStream stream, long errorCode) {
        reset.complete(errorCode);
    }

    @Override
    public void onClosed(TunnelStream stream) {
        closed.complete(null);
    }

    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    public byte[] bytes() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    public long received() {
        return received;
    }

    public CompletableFuture<Void> inputEnded() {
        return inputEnded;
    }

    public CompletableFuture<Long> reset() {
        return reset;
    }

    public CompletableFuture<Void> closed() {
        return closed;
    }
}
