package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.ProtocolException;
import io.tunnelagent.protocol.rpc.message.ExceptionInfo;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.transport.RpcInbound;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import io.tunnelagent.protocol.rpc.wire.FrameAccumulator;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cap'n Proto RPC connection over a byte stream, in both roles: it answers the peer's Bootstrap with its own
 * bootstrap {@link Capability} and calls the peer's through {@link #bootstrap()}. All state sits behind one lock;
 * capabilities and callbacks run outside it. The transport feeds bytes in through the {@link RpcInbound} methods.
 *
 * <p>Closing: {@link #close()} releases imports, sends {@code Abort("rpc: shutdown")} (as cloudflared does) and closes
 * the transport. A peer's Abort, the end of the input or a transport failure close it too; pending calls then fail
 * with {@link RpcException.Kind#DISCONNECTED} "RPC connection closed: …". A peer breaking the protocol or a limit
 * gets an Abort naming the problem.
 */
public final class RpcConnection implements RpcInbound {

    private static final Logger logger = LoggerFactory.getLogger(RpcConnection.class);

    private final String name;

    private final @Nullable Capability bootstrapCapability;

    private final int maxAnswers;

    private final FrameAccumulator accumulator;

    private final ReentrantLock lock = new ReentrantLock();

    private final Outbox outbox;

    private final Answers answers = new Answers();

    private final Exports exports = new Exports();

    private final ServerSide server;

    private final ClientSide client;

    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile boolean open = true;

    private @Nullable RpcException closeCause;

    private RpcConnection(Builder builder, RpcTransport transport) {
        this.name = builder.name;
        this.bootstrapCapability = builder.bootstrap;
        this.maxAnswers = builder.maxAnswers;
        this.accumulator = new FrameAccumulator(builder.maxMessageBytes);
        this.outbox = new Outbox(this.name, transport, this.lock);
        this.server = new ServerSide(this);
        this.client = new ClientSide(
                this,
                Objects.requireNonNull(
                        builder.scheduler,
                        "Set a scheduler with RpcConnection.builder(name).scheduler(...); call timeouts need one"),
                builder.callTimeout,
                builder.maxQuestions);
    }

    /**
     * Starts building a connection.
     *
     * @param name the name used in log lines and errors, e.g. {@code "conn 0 control"}
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns the connection's name.
     *
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * Returns whether the connection is still open.
     *
     * @return {@code false} once closed for any reason
     */
    public boolean isOpen() {
        return this.open;
    }

    /**
     * Returns a future completed once the connection is closed: pending calls failed, timers cancelled, the last frames
     * queued (the transport is closed right after they are written).
     *
     * @return the future (never completed exceptionally)
     */
    public CompletableFuture<Void> closeFuture() {
        return this.closed.copy();
    }

    /**
     * Sends a Bootstrap and returns the peer's bootstrap capability. Calls on it may start at once (pipelined).
     *
     * @return the capability; broken if the connection is closed
     */
    public RemoteCapability bootstrap() {
        return locked(this.client::bootstrap);
    }

    /**
     * Closes the connection in order: Release for every import, {@code Abort("rpc: shutdown")}, then the transport.
     *
     * @return a future completed when closed
     */
    public CompletableFuture<Void> close() {
        locked(batch -> {
            if (!this.open) {
                return null;
            }
            this.client.releaseAll();
            send(new RpcMessage.Abort(ExceptionInfo.failed("rpc: shutdown")));
            shutdown(RpcException.of(RpcException.Kind.DISCONNECTED, "RPC connection closed: rpc: shutdown"), batch);
            return null;
        });
        return closeFuture();
    }

    @Override
    public void receive(ByteBuffer chunk) {
        if (!this.open) {
            return;
        }
        try {
            this.accumulator.append(chunk);
            ByteBuffer frame;
            while (this.open && (frame = this.accumulator.poll()) != null) {
                handle(frame);
            }
        } catch (ProtocolException ex) {
            protocolError(Objects.requireNonNullElse(ex.getMessage(), "invalid frame"));
        }
    }

    @Override
    public void inputClosed() {
        disconnect(
                RpcException.of(RpcException.Kind.DISCONNECTED, "RPC connection closed: the peer closed the stream"));
    }

    @Override
    public void failed(Throwable cause) {
        disconnect(RpcException.of(RpcException.Kind.DISCONNECTED, "RPC connection closed: " + cause, cause));
    }

    private void disconnect(RpcException cause) {
        locked(batch -> {
            if (this.open) {
                shutdown(cause, batch);
            }
            return null;
        });
    }

    private void handle(ByteBuffer frame) {
        RpcMessage message;
        try {
            message = MessageCodec.decode(frame.duplicate());
        } catch (RuntimeException ex) {
            protocolError(
                    ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName());
            return;
        }
        logger.debug("[{}] <- {}", this.name, message);
        locked(batch -> {
            if (this.open) {
                dispatch(message, frame, batch);
            }
            return null;
        });
    }

    private void dispatch(RpcMessage message, ByteBuffer frame, Batch batch) {
        if (message instanceof RpcMessage.Bootstrap bootstrap) {
            this.server.bootstrap(bootstrap.questionId(), batch);
        } else if (message instanceof RpcMessage.Call call) {
            this.server.call(call, batch);
        } else if (message instanceof RpcMessage.Finish finish) {
            this.server.finish(finish, batch);
        } else if (message instanceof RpcMessage.Release release) {
            this.server.release(release, batch);
        } else if (message instanceof RpcMessage.Return ret) {
            this.client.onReturn(ret, frame, batch);
        } else if (message instanceof RpcMessage.Abort abort) {
            String reason = abort.exception().reason();
            shutdown(RpcException.aborted("RPC connection closed: the peer aborted: " + reason, reason), batch);
        } else if (message instanceof RpcMessage.Unimplemented unimplemented) {
            this.client.onUnimplemented(unimplemented.message(), batch);
        } else {
            sendFrame(MessageCodec.unimplemented(frame.duplicate()), "unimplemented echo of " + message);
        }
    }

    void abort(String reason, Batch batch) {
        logger.debug("[{}] Aborting: {}", this.name, reason);
        send(new RpcMessage.Abort(ExceptionInfo.failed(reason)));
        shutdown(RpcException.of(RpcException.Kind.FAILED, "RPC connection closed: " + reason), batch);
    }

    private void protocolError(String reason) {
        locked(batch -> {
            if (this.open) {
                abort(reason, batch);
            }
            return null;
        });
    }

    private void shutdown(RpcException cause, Batch batch) {
        logger.debug("[{}] Closing: {}", this.name, cause.getMessage());
        this.open = false;
        this.closeCause = cause;
        this.client.shutdown(cause, batch);
        this.server.shutdown(this.answers.removeAll(), batch);
        this.exports.clear();
        this.outbox.closeWhenDrained();
        batch.after(() -> this.closed.complete(null));
    }

    void send(RpcMessage message) {
        sendFrame(MessageCodec.encode(message), message);
    }

    void sendFrame(ByteBuffer frame, Object description) {
        logger.debug("[{}] -> {}", this.name, description);
        this.outbox.add(frame);
    }

    <T> T locked(Function<Batch, T> action) {
        Batch batch = new Batch();
        T result;
        this.lock.lock();
        try {
            result = action.apply(batch);
        } finally {
            this.lock.unlock();
        }
        flush();
        batch.run(this.name);
        return result;
    }

    private void flush() {
        RuntimeException failure = this.outbox.flush();
        if (failure != null) {
            failed(failure);
        }
    }

    RpcException closeCause() {
        return Objects.requireNonNull(this.closeCause);
    }

    @Nullable
    Capability bootstrapCapability() {
        return this.bootstrapCapability;
    }

    Answers answers() {
        return this.answers;
    }

    Exports exports() {
        return this.exports;
    }

    int maxAnswers() {
        return this.maxAnswers;
    }

    @Override
    public String toString() {
        return "RpcConnection[" + this.name + "]";
    }

    /** Options for a {@link RpcConnection}. */
    public static final class Builder {

        private final String name;

        private @Nullable Capability bootstrap;

        private @Nullable ScheduledExecutorService scheduler;

        private Duration callTimeout = Duration.ofSeconds(5);

        private int maxMessageBytes = 1 << 20;

        private int maxQuestions = 1024;

        private int maxAnswers = 256;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Sets the capability answered to the peer's Bootstrap (none by default: Bootstrap gets an exception).
         *
         * @param capability the capability
         * @return this
         */
        public Builder bootstrap(Capability capability) {
            this.bootstrap = Objects.requireNonNull(capability, "capability");
            return this;
        }

        /**
         * Sets the scheduler for call timeouts (required; the connection only schedules and cancels on it).
         *
         * @param scheduler the scheduler
         * @return this
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets the default call timeout (5 s, cloudflared's {@code --rpc-timeout}).
         *
         * @param timeout the timeout
         * @return this
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets the largest accepted message (1 MiB by default); a bigger one aborts the connection.
         *
         * @param bytes the limit
         * @return this
         */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Sets how many of this side's calls may be outstanding (1024 by default); more fail as overloaded.
         *
         * @param count the limit
         * @return this
         */
        public Builder maxQuestions(int count) {
            this.maxQuestions = count;
            return this;
        }

        /**
         * Sets how many of the peer's questions may be unfinished (256 by default); more abort the connection.
         *
         * @param count the limit
         * @return this
         */
        public Builder maxAnswers(int count) {
            this.maxAnswers = count;
            return this;
        }

        /**
         * Creates the connection. Then connect the transport's input to it ({@link RpcInbound}).
         *
         * @param transport where the connection writes
         * @return the open connection
         */
        public RpcConnection build(RpcTransport transport) {
            return new RpcConnection(this, Objects.requireNonNull(transport, "transport"));
        }
    }
}
