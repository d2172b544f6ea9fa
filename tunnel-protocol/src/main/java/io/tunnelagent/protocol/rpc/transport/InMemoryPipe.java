package io.tunnelagent.protocol.rpc.transport;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Two connected in-memory transports, for tests and benchmarks: what one end sends, the other receives, in order, on
 * a delivery thread per direction (like bytes arriving on an event loop). An end can also vanish abruptly
 * ({@link End#reset(Throwable)}).
 */
public final class InMemoryPipe {

    private final End left;

    private final End right;

    private InMemoryPipe(String name, ThreadFactory threadFactory) {
        this.left = new End(name + " left", threadFactory);
        this.right = new End(name + " right", threadFactory);
        this.left.peer = this.right;
        this.right.peer = this.left;
    }

    /**
     * Creates a pipe.
     *
     * @param name the name for threads and logs
     * @param threadFactory where the two delivery threads come from
     * @return the pipe
     */
    public static InMemoryPipe create(String name, ThreadFactory threadFactory) {
        return new InMemoryPipe(name, threadFactory);
    }

    /**
     * Returns one end.
     *
     * @return the left end
     */
    public End left() {
        return this.left;
    }

    /**
     * Returns the other end.
     *
     * @return the right end
     */
    public End right() {
        return this.right;
    }

    /** One end of the pipe: a transport whose input is the other end's output. */
    public static final class End implements RpcTransport {

        private static final Object FIN = new Object();

        private final String name;

        private final ThreadFactory threadFactory;

        private final LinkedBlockingQueue<Object> toPeer = new LinkedBlockingQueue<>();

        private @Nullable End peer;

        private volatile @Nullable Thread delivery;

        private volatile boolean closed;

        private End(String name, ThreadFactory threadFactory) {
            this.name = name;
            this.threadFactory = threadFactory;
        }

        /**
         * Starts delivering what the other end sends to {@code inbound}.
         *
         * @param inbound the receiver of this end's input
         */
        public synchronized void start(RpcInbound inbound) {
            End from = Objects.requireNonNull(this.peer);
            Thread thread = this.threadFactory.newThread(() -> from.deliver(inbound));
            from.delivery = thread;
            thread.start();
        }

        @Override
        public void send(ByteBuffer frame) {
            if (this.closed) {
                throw new IllegalStateException("The pipe end " + this.name + " is closed");
            }
            ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
            copy.put(frame).flip();
            this.toPeer.add(copy);
        }

        @Override
        public void close() {
            if (!this.closed) {
                this.closed = true;
                this.toPeer.add(FIN);
            }
        }

        /**
         * Makes this end vanish: the other end sees a failure instead of an orderly end of stream.
         *
         * @param cause what the other end is told
         */
        public void reset(Throwable cause) {
            this.closed = true;
            this.toPeer.add(cause);
        }

        /**
         * Returns the thread delivering what this end sends, for tests that check it ended.
         *
         * @return the thread, or {@code null} if not started
         */
        public synchronized @Nullable Thread deliveryThread() {
            return this.delivery;
        }

        private void deliver(RpcInbound inbound) {
            try {
                while (true) {
                    Object item = this.toPeer.take();
                    if (item == FIN) {
                        inbound.inputClosed();
                        return;
                    }
                    if (item instanceof Throwable cause) {
                        inbound.failed(cause);
                        return;
                    }
                    inbound.receive((ByteBuffer) item);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return "InMemoryPipe.End[" + this.name + "]";
        }
    }
}
