package io.tunnelagent.transport.quic.kwik;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.QuicStream;

/**
 * A {@link TunnelStream} over a Kwik {@link QuicStream}, whose input and output are blocking. A reader task (one
 * pooled thread per stream while it reads) pulls bytes while auto-read is on; writes run in order on a per-stream
 * serial executor, and the stream stops being writable while more than {@value #HIGH_WATER} bytes wait. Handler
 * callbacks run one at a time on another per-stream serial executor.
 *
 * <p>Kwik 0.10.8 does not report the error code of the peer's RESET_STREAM; a reset is delivered with code 0.
 */
final class KwikTunnelStream implements TunnelStream {

    private static final Logger log = LoggerFactory.getLogger(KwikTunnelStream.class);
    static final int HIGH_WATER = 256 * 1024;
    private static final int LOW_WATER = 64 * 1024;
    private static final int READ_CHUNK = 32 * 1024;

    private final QuicStream stream;
    private final Executor pool;
    private final SerialExecutor writer;
    private final SerialExecutor callbacks;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Object readLock = new Object();

    private static final byte[] EMPTY = new byte[0];
    private static final String SEND_BUFFER = "tech.kwik.core.stream.SendBuffer";

    private volatile long writeStarted;
    private volatile @Nullable Thread writingThread;
    private @Nullable ByteBuf first;
    private volatile @Nullable StreamInboundHandler handler;
    private volatile boolean autoRead = true;
    private volatile boolean writable = true;
    private volatile boolean outputEnded;
    private volatile boolean inputEnded;
    private boolean reading;

    KwikTunnelStream(QuicStream stream, Executor pool, @Nullable ByteBuf first) {
        this.stream = stream;
        this.pool = pool;
        this.writer = new SerialExecutor(pool);
        this.callbacks = new SerialExecutor(pool);
        this.first = first;
    }

    @Override
    public long id() {
        return stream.getStreamId();
    }

    @Override
    public ByteBufAllocator alloc() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public void setInboundHandler(StreamInboundHandler handler) {
        if (this.handler != null) {
            throw new IllegalStateException("Stream " + id() + " already has an inbound handler");
        }
        this.handler = handler;
        ByteBuf initial = first;
        first = null;
        if (initial != null && initial.isReadable()) {
            callbacks.execute(() -> handler.onData(this, initial));
        } else if (initial != null) {
            initial.release();
        }
        startReading();
    }

    @Override
    public void setAutoRead(boolean autoRead) {
        this.autoRead = autoRead;
        if (autoRead) {
            startReading();
        }
    }

    private void startReading() {
        synchronized (readLock) {
            if (reading || inputEnded || handler == null || !autoRead) {
                return;
            }
            reading = true;
        }
        pool.execute(this::readLoop);
    }

    private void readLoop() {
        InputStream in = stream.getInputStream();
        byte[] buffer = new byte[READ_CHUNK];
        try {
            while (autoRead) {
                int read = in.read(buffer);
                if (read < 0) {
                    endInput(false);
                    return;
                }
                ByteBuf data = Unpooled.copiedBuffer(buffer, 0, read);
                callbacks.execute(() -> deliver(data));
            }
        } catch (IOException ex) {
            log.debug("Kwik stream {} input ended: {}", id(), ex.toString());
            endInput(ex.getMessage() != null && ex.getMessage().contains("reset"));
            return;
        }
        synchronized (readLock) {
            reading = false;
        }
        if (autoRead) {
            startReading();
        }
    }

    private void deliver(ByteBuf data) {
        StreamInboundHandler current = handler;
        if (current == null) {
            data.release();
        } else {
            current.onData(this, data);
        }
    }

    private void endInput(boolean reset) {
        synchronized (readLock) {
            reading = false;
            inputEnded = true;
        }
        if (reset) {
            outputEnded = true;
        }
        callbacks.execute(() -> {
            StreamInboundHandler current = handler;
            if (current == null || closeFuture.isDone()) {
                return;
            }
            if (reset) {
                current.onReset(this, 0);
            } else {
                current.onInputShutdown(this);
            }
        });
        closeIfDone();
    }

    @Override
    public CompletableFuture<Void> write(ByteBuf data) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (outputEnded) {
            ReferenceCountUtil.release(data);
            result.completeExceptionally(new TransportException("Stream " + id() + " is closed for writing"));
            return result;
        }
        int size = data.readableBytes();
        if (pendingBytes.addAndGet(size) > HIGH_WATER && writable) {
            writable = false;
            notifyWritability();
        }
        writer.execute(() -> {
            writingThread = Thread.currentThread();
            writeStarted = System.nanoTime();
            try {
                OutputStream out = stream.getOutputStream();
                if (data.hasArray()) {
                    out.write(data.array(), data.arrayOffset() + data.readerIndex(), size);
                } else {
                    byte[] bytes = new byte[size];
                    data.getBytes(data.readerIndex(), bytes);
                    out.write(bytes);
                }
                out.flush();
                result.complete(null);
            } catch (IOException | RuntimeException ex) {
                result.completeExceptionally(new TransportException("Write to stream " + id() + " failed: " + ex, ex));
            } finally {
                writeStarted = 0;
                writingThread = null;
                data.release();
                if (pendingBytes.addAndGet(-size) < LOW_WATER && !writable) {
                    writable = true;
                    notifyWritability();
                }
            }
        });
        return result;
    }

    /**
     * Works around a lost wake-up in Kwik 0.10.8 ({@code StreamOutputStreamImpl.scheduleSendStreamFrameRequest}
     * checks and then increments its queued-request counter non-atomically; when the sender thread runs the request
     * in between, the counter reads -1, the "more to send" request is skipped, and a writer parked on the full send
     * buffer waits forever: the stalls of dependencies.md section 1.4). A write that has been blocked for longer than
     * {@code blockedNanos} gets an empty write from this (another) thread, which queues a send request again if none
     * is queued; Kwik's send queue is concurrent.
     *
     * <p>The empty write is only safe while the writer is parked inside Kwik's {@code SendBuffer.write}, waiting for
     * room: its bytes are not queued yet and will follow the empty buffer, which Kwik then sends along with them.
     * Queued after the writer's last bytes instead (a write that was merely slow, say on a loaded machine), the empty
     * buffer is never taken off Kwik's send queue (a frame takes at most the buffered byte count, which is then 0),
     * so the end-of-stream marker queued behind it by {@link #shutdownOutput()} is never sent and the peer waits for
     * the FIN forever.
     *
     * @param blockedNanos how long a write may block before it is nudged
     */
    void nudgeIfBlocked(long blockedNanos) {
        long started = writeStarted;
        Thread writing = writingThread;
        if (started != 0
                && System.nanoTime() - started > blockedNanos
                && !outputEnded
                && writing != null
                && parkedInSendBuffer(writing)) {
            try {
                stream.getOutputStream().write(EMPTY);
                log.debug(
                        "Kwik stream {}: write blocked for over {} ms, nudged the sender",
                        id(),
                        blockedNanos / 1_000_000);
            } catch (IOException ex) {
                log.debug("Kwik stream {} nudge failed: {}", id(), ex.toString());
            }
        }
    }

    /**
     * Whether a thread waits for room in Kwik's send buffer: parked, with {@code SendBuffer.write} on its stack. The
     * only places it parks there come before the bytes are queued (waiting for room, or for the buffer's lock).
     */
    static boolean parkedInSendBuffer(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(SEND_BUFFER)
                    && frame.getMethodName().equals("write")) {
                return true;
            }
        }
        return false;
    }

    private void notifyWritability() {
        callbacks.execute(() -> {
            StreamInboundHandler current = handler;
            if (current != null) {
                current.onWritabilityChanged(this);
            }
        });
    }

    @Override
    public boolean isWritable() {
        return writable && !outputEnded;
    }

    @Override
    public CompletableFuture<Void> shutdownOutput() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        writer.execute(() -> {
            finishOutput();
            result.complete(null);
        });
        return result;
    }

    private void finishOutput() {
        if (!outputEnded) {
            outputEnded = true;
            try {
                stream.getOutputStream().close();
            } catch (IOException ex) {
                log.debug("Kwik stream {} FIN failed: {}", id(), ex.toString());
            }
        }
        closeIfDone();
    }

    @Override
    public void reset(long errorCode) {
        outputEnded = true;
        stream.resetStream(errorCode);
        stream.abortReading(errorCode);
        markClosed();
    }

    @Override
    public CompletableFuture<Void> close() {
        writer.execute(() -> {
            finishOutput();
            if (!inputEnded) {
                stream.abortReading(0);
            }
            markClosed();
        });
        return closeFuture;
    }

    /** Ends the stream because its connection ended. */
    void connectionClosed() {
        outputEnded = true;
        markClosed();
    }

    private void closeIfDone() {
        if (outputEnded && inputEnded) {
            markClosed();
        }
    }

    private void markClosed() {
        synchronized (readLock) {
            inputEnded = true;
        }
        callbacks.execute(() -> {
            if (closeFuture.complete(null)) {
                ByteBuf leftover = first;
                first = null;
                ReferenceCountUtil.release(leftover);
                StreamInboundHandler current = handler;
                if (current != null) {
                    current.onClosed(this);
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }
}
