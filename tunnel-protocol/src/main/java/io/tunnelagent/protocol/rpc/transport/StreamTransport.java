package io.tunnelagent.protocol.rpc.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link RpcTransport} over a blocking {@link InputStream}/{@link OutputStream} pair (a socket, a QUIC stream
 * exposed as streams). Writes happen in the sending thread; a reader thread from the supplied factory feeds the
 * connection until end of stream, an error or {@link #close()} (which closes both streams; the reader thread ends when
 * the blocked {@code read} returns or throws, as it does for sockets).
 */
public final class StreamTransport implements RpcTransport {

    private static final Logger logger = LoggerFactory.getLogger(StreamTransport.class);

    private final String name;

    private final InputStream input;

    private final OutputStream output;

    private final ThreadFactory threadFactory;

    private final ReentrantLock writeLock = new ReentrantLock();

    private volatile boolean closed;

    private @Nullable Thread reader;

    /**
     * Creates a transport; call {@link #start(RpcInbound)} once the connection exists.
     *
     * @param name the name used in log lines
     * @param input the stream to read from
     * @param output the stream to write to
     * @param threadFactory where the reader thread comes from
     */
    public StreamTransport(String name, InputStream input, OutputStream output, ThreadFactory threadFactory) {
        this.name = Objects.requireNonNull(name, "name");
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
    }

    /**
     * Starts the reader thread.
     *
     * @param inbound where read bytes go
     */
    public synchronized void start(RpcInbound inbound) {
        if (this.reader != null) {
            throw new IllegalStateException("The transport " + this.name + " is already started");
        }
        Thread thread = this.threadFactory.newThread(() -> read(inbound));
        this.reader = thread;
        thread.start();
    }

    @Override
    public void send(ByteBuffer frame) {
        this.writeLock.lock();
        try {
            if (frame.hasArray()) {
                this.output.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
            } else {
                byte[] bytes = new byte[frame.remaining()];
                frame.get(bytes);
                this.output.write(bytes);
            }
            this.output.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("Writing to " + this.name + " failed", ex);
        } finally {
            this.writeLock.unlock();
        }
    }

    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        closeQuietly(this.output);
        closeQuietly(this.input);
    }

    private void read(RpcInbound inbound) {
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = this.input.read(buffer)) >= 0) {
                inbound.receive(ByteBuffer.wrap(buffer, 0, read));
            }
            inbound.inputClosed();
        } catch (IOException ex) {
            if (this.closed) {
                inbound.inputClosed();
            } else {
                inbound.failed(ex);
            }
        } finally {
            logger.debug("[{}] Reader thread ends", this.name);
        }
    }

    private void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ex) {
            logger.debug("[{}] Closing a stream failed", this.name, ex);
        }
    }
}
