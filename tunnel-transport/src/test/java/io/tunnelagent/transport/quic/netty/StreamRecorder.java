package io.tunnelagent.transport.quic.netty;

import io.netty.buffer.ByteBuf;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Records what arrives on a stream: the bytes, the FIN, a reset code and the close. */
final class StreamRecorder implements StreamInboundHandler {

    final CompletableFuture<Void> inputEnded = new CompletableFuture<>();
    final CompletableFuture<Long> reset = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Void> firstData = new CompletableFuture<>();

    static StreamRecorder on(TunnelStream stream) {
        StreamRecorder recorder = new StreamRecorder();
        stream.setInboundHandler(recorder);
        return recorder;
    }

    @Override
    public void onData(TunnelStream stream, ByteBuf data) {
        synchronized (bytes) {
            byte[] chunk = new byte[data.readableBytes()];
            data.readBytes(chunk);
            bytes.writeBytes(chunk);
        }
        data.release();
        firstData.complete(null);
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

    CompletableFuture<Void> firstData() {
        return firstData;
    }

    byte[] bytes() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
