package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames queued under the connection's lock (so their order is the order of the state changes) and written to the
 * transport after the lock is released, by one thread at a time and in order; then, once closing, the transport is
 * closed.
 */
final class Outbox {

    private static final Logger logger = LoggerFactory.getLogger(Outbox.class);

    private final String name;

    private final RpcTransport transport;

    private final ReentrantLock stateLock;

    private final ReentrantLock sendLock = new ReentrantLock();

    private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();

    private boolean closing;

    private boolean transportClosed;

    Outbox(String name, RpcTransport transport, ReentrantLock stateLock) {
        this.name = name;
        this.transport = transport;
        this.stateLock = stateLock;
    }

    /** Queues a frame; call with the state lock held. */
    void add(ByteBuffer frame) {
        this.frames.add(frame);
    }

    /** Closes the transport once the queued frames are written; call with the state lock held. */
    void closeWhenDrained() {
        this.closing = true;
    }

    /**
     * Writes the queued frames; call without the state lock. If another thread is writing, it writes these frames
     * too and this call returns at once, so that an event loop or reader thread never waits for a slow peer.
     *
     * @return the transport's failure, if writing failed (the remaining frames are dropped)
     */
    @Nullable
    RuntimeException flush() {
        while (this.sendLock.tryLock()) {
            try {
                RuntimeException failure = drain();
                if (failure != null) {
                    return failure;
                }
            } finally {
                this.sendLock.unlock();
            }
            if (!hasWork()) {
                return null;
            }
        }
        return null;
    }

    private @Nullable RuntimeException drain() {
        while (true) {
            ByteBuffer frame;
            boolean closeNow = false;
            this.stateLock.lock();
            try {
                frame = this.frames.poll();
                if (frame == null && this.closing && !this.transportClosed) {
                    this.transportClosed = true;
                    closeNow = true;
                }
            } finally {
                this.stateLock.unlock();
            }
            if (frame == null) {
                if (closeNow) {
                    closeTransport();
                }
                return null;
            }
            try {
                this.transport.send(frame);
            } catch (RuntimeException ex) {
                dropAll();
                return ex;
            }
        }
    }

    private boolean hasWork() {
        this.stateLock.lock();
        try {
            return !this.frames.isEmpty() || (this.closing && !this.transportClosed);
        } finally {
            this.stateLock.unlock();
        }
    }

    private void dropAll() {
        this.stateLock.lock();
        try {
            this.frames.clear();
        } finally {
            this.stateLock.unlock();
        }
    }

    private void closeTransport() {
        try {
            this.transport.close();
        } catch (RuntimeException ex) {
            logger.debug("[{}] Closing the transport failed", this.name, ex);
        }
    }
}
