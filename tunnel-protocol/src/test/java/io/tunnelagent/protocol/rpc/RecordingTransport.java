package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Records what a connection sends, optionally passing it on to another transport. */
final class RecordingTransport implements RpcTransport {

    private final @Nullable RpcTransport next;

    private final List<byte[]> frames = new ArrayList<>();

    private boolean closed;

    RecordingTransport() {
        this(null);
    }

    RecordingTransport(@Nullable RpcTransport next) {
        this.next = next;
    }

    @Override
    public synchronized void send(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        this.frames.add(bytes);
        if (this.next != null) {
            this.next.send(frame);
        }
    }

    @Override
    public synchronized void close() {
        this.closed = true;
        if (this.next != null) {
            this.next.close();
        }
    }

    synchronized boolean closed() {
        return this.closed;
    }

    synchronized List<byte[]> frames() {
        return List.copyOf(this.frames);
    }

    synchronized List<RpcMessage> messages() {
        return this.frames.stream()
                .map((frame) -> MessageCodec.decode(ByteBuffer.wrap(frame)))
                .toList();
    }

    synchronized byte[] takeBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        this.frames.forEach(out::writeBytes);
        this.frames.clear();
        return out.toByteArray();
    }
}
