package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.ProtocolException;
import io.tunnelagent.protocol.rpc.message.CapDescriptor;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.ExceptionInfo;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.MessageTarget;
import io.tunnelagent.protocol.rpc.message.Payload;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.transport.RpcInbound;
import io.tunnelagent.protocol.rpc.transport.RpcTransport;
import io.tunnelagent.protocol.rpc.wire.FrameAccumulator;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final RpcTransport transport;

    private final @Nullable Capability bootstrapCapability;

    private final ScheduledExecutorService scheduler;

    private final Duration callTimeout;

    private final int maxQuestions;

    private final int maxAnswers;

    private final FrameAccumulator accumulator;

    private final ReentrantLock lock = new ReentrantLock();

    private final ReentrantLock sendLock = new ReentrantLock();

    private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();

    private final Questions questions = new Questions();

    private final Answers answers = new Answers();

    private final Exports exports = new Exports();

    private final Map<Integer, Integer> imports = new TreeMap<>();

    private final ServerSide server;

    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile boolean open = true;

    private @Nullable RpcException closeCause;

    private boolean transportClosed;

    private RpcConnection(Builder builder, RpcTransport transport) {
        this.name = builder.name;
        this.transport = transport;
        this.bootstrapCapability = builder.bootstrap;
        this.scheduler = Objects.requireNonNull(builder.scheduler, "a scheduler is required for call timeouts");
        this.callTimeout = builder.callTimeout;
        this.maxQuestions = builder.maxQuestions;
        this.maxAnswers = builder.maxAnswers;
        this.accumulator = new FrameAccumulator(builder.maxMessageBytes);
        this.server = new ServerSide(this);
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
     * Returns a future completed once the connection is closed and its transport closed.
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
        return locked(batch -> {
            ImportedCapability capability = new ImportedCapability(this);
            RpcException refusal = refusal();
            if (refusal != null) {
                capability.broken(refusal);
                return capability;
            }
            int id = this.questions.nextId();
            send(new RpcMessage.Bootstrap(id));
            Questions.Question question = this.questions.add(new Questions.Question(id, "bootstrap", null, capability));
            capability.pending(id);
            question.timeout = schedule(question, this.callTimeout);
            return capability;
        });
    }

    CompletableFuture<Content> call(
            ImportedCapability capability, long interfaceId, int methodId, Content params, @Nullable Duration timeout) {
        CompletableFuture<Content> results = new CompletableFuture<>();
        String description = String.format("call 0x%016x@%d", interfaceId, methodId);
        locked(batch -> {
            RpcException refusal = refusal();
            MessageTarget target = capability.target();
            if (refusal == null && target == null) {
                refusal = (capability.failure() != null)
                        ? capability.failure()
                        : RpcException.of(RpcException.Kind.FAILED, "The capability was released; bootstrap again");
            }
            if (refusal != null) {
                RpcException failure = refusal;
                batch.after(() -> results.completeExceptionally(failure));
                return null;
            }
            int id = this.questions.nextId();
            try {
                send(new RpcMessage.Call(id, target, interfaceId, methodId, Payload.of(params)));
            } catch (RpcException ex) {
                batch.after(() -> results.completeExceptionally(ex));
                return null;
            }
            Questions.Question question = this.questions.add(new Questions.Question(id, description, results, null));
            question.timeout = schedule(question, (timeout != null) ? timeout : this.callTimeout);
            return null;
        });
        return results;
    }

    void release(ImportedCapability capability) {
        locked(batch -> {
            int importId = capability.markReleased();
            if (this.open && importId >= 0 && releaseImport(importId, 1)) {
                send(new RpcMessage.Release(importId, 1));
            }
            return null;
        });
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
            this.imports.forEach((id, count) -> send(new RpcMessage.Release(id, count)));
            this.imports.clear();
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
            onReturn(ret, frame, batch);
        } else if (message instanceof RpcMessage.Abort abort) {
            String reason = abort.exception().reason();
            shutdown(RpcException.aborted("RPC connection closed: the peer aborted: " + reason, reason), batch);
        } else if (message instanceof RpcMessage.Unimplemented unimplemented) {
            onUnimplemented(unimplemented.message(), batch);
        } else {
            sendFrame(MessageCodec.unimplemented(frame.duplicate()), "unimplemented echo of " + message);
        }
    }

    private void onReturn(RpcMessage.Return ret, ByteBuffer frame, Batch batch) {
        Questions.Question question = this.questions.get(ret.answerId());
        if (question == null) {
            abort("Return for unknown question " + Integer.toUnsignedString(ret.answerId()), batch);
            return;
        }
        cancelTimeout(question, batch);
        if (question.finishSent) {
            logger.debug("[{}] Ignored late Return for timed-out question {}", this.name, question.id);
            this.questions.free(question);
            return;
        }
        RpcException failure = null;
        boolean releaseResultCaps = true;
        switch (ret.kind()) {
            case RESULTS -> {
                Payload results = Objects.requireNonNull(ret.results());
                if (question.bootstrap != null) {
                    failure = resolveBootstrap(question.bootstrap, results);
                    releaseResultCaps = failure != null;
                } else {
                    releaseResultCaps = !results.capTable().isEmpty();
                    CompletableFuture<Content> future = Objects.requireNonNull(question.results);
                    batch.after(() -> future.complete(results.content()));
                }
            }
            case EXCEPTION -> {
                ExceptionInfo exception = Objects.requireNonNull(ret.exception());
                failure = RpcException.remote(ServerSide.kindOf(exception.type()), exception.reason());
            }
            case CANCELED ->
                failure = RpcException.of(RpcException.Kind.FAILED, "The peer canceled " + question.description);
            default -> {
                sendFrame(MessageCodec.unimplemented(frame.duplicate()), "unimplemented echo of a Return");
                failure = RpcException.of(
                        RpcException.Kind.UNIMPLEMENTED,
                        "The peer answered " + question.description + " with an unsupported Return (" + ret.kind()
                                + ")");
            }
        }
        send(new RpcMessage.Finish(question.id, releaseResultCaps));
        question.finishSent = true;
        this.questions.free(question);
        if (failure != null) {
            fail(question, failure, batch);
        }
    }

    private @Nullable RpcException resolveBootstrap(ImportedCapability capability, Payload results) {
        int index;
        try {
            index = results.content().capabilityIndex();
        } catch (RpcException ex) {
            index = -1;
        }
        if (index < 0
                || index >= results.capTable().size()
                || results.capTable().get(index).kind() != CapDescriptor.Kind.SENDER_HOSTED) {
            return RpcException.of(RpcException.Kind.FAILED, "The peer answered Bootstrap without a capability");
        }
        int importId = results.capTable().get(index).id();
        if (capability.isReleased()) {
            send(new RpcMessage.Release(importId, 1));
        } else {
            this.imports.merge(importId, 1, Integer::sum);
        }
        capability.resolved(importId);
        return null;
    }

    private void onUnimplemented(RpcMessage echoed, Batch batch) {
        int id;
        if (echoed instanceof RpcMessage.Bootstrap bootstrap) {
            id = bootstrap.questionId();
        } else if (echoed instanceof RpcMessage.Call call) {
            id = call.questionId();
        } else {
            logger.debug("[{}] The peer did not understand {}", this.name, echoed);
            return;
        }
        Questions.Question question = this.questions.get(id);
        if (question == null || question.finishSent) {
            return;
        }
        cancelTimeout(question, batch);
        this.questions.free(question);
        fail(
                question,
                RpcException.of(RpcException.Kind.UNIMPLEMENTED, "The peer does not implement " + question.description),
                batch);
    }

    private void onTimeout(Questions.Question question, Duration timeout) {
        locked(batch -> {
            if (!this.open || this.questions.get(question.id) != question || question.finishSent) {
                return null;
            }
            send(new RpcMessage.Finish(question.id, true));
            question.finishSent = true;
            fail(
                    question,
                    RpcException.of(
                            RpcException.Kind.TIMEOUT,
                            "RPC " + question.description + " on " + this.name + " timed out after " + timeout
                                    + "; the question was canceled"),
                    batch);
            return null;
        });
    }

    private void fail(Questions.Question question, RpcException failure, Batch batch) {
        if (question.bootstrap != null) {
            question.bootstrap.broken(failure);
        }
        CompletableFuture<Content> results = question.results;
        if (results != null) {
            batch.after(() -> results.completeExceptionally(failure));
        }
    }

    private boolean releaseImport(int importId, int count) {
        Integer held = this.imports.get(importId);
        if (held == null) {
            return false;
        }
        if (held <= count) {
            this.imports.remove(importId);
        } else {
            this.imports.put(importId, held - count);
        }
        return true;
    }

    private @Nullable RpcException refusal() {
        if (!this.open) {
            return Objects.requireNonNull(this.closeCause);
        }
        if (this.questions.size() >= this.maxQuestions) {
            return RpcException.of(
                    RpcException.Kind.OVERLOADED,
                    "Too many outstanding calls on " + this.name + " (limit " + this.maxQuestions
                            + "); wait for answers or raise maxQuestions");
        }
        return null;
    }

    private java.util.concurrent.Future<?> schedule(Questions.Question question, Duration timeout) {
        return this.scheduler.schedule(() -> onTimeout(question, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimeout(Questions.Question question, Batch batch) {
        java.util.concurrent.Future<?> timeout = question.timeout;
        if (timeout != null) {
            question.timeout = null;
            batch.after(() -> timeout.cancel(false));
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
        for (Questions.Question question : this.questions.removeAll()) {
            cancelTimeout(question, batch);
            fail(question, cause, batch);
        }
        this.server.shutdown(this.answers.removeAll(), batch);
        this.exports.clear();
        this.imports.clear();
        batch.after(() -> this.closed.complete(null));
    }

    void send(RpcMessage message) {
        sendFrame(MessageCodec.encode(message), message);
    }

    private void sendFrame(ByteBuffer frame, Object description) {
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
        RuntimeException failure = null;
        this.sendLock.lock();
        try {
            while (true) {
                ByteBuffer frame;
                boolean closeTransport = false;
                this.lock.lock();
                try {
                    frame = this.outbox.poll();
                    if (frame == null && !this.open && !this.transportClosed) {
                        this.transportClosed = true;
                        closeTransport = true;
                    }
                } finally {
                    this.lock.unlock();
                }
                if (frame != null) {
                    try {
                        this.transport.send(frame);
                    } catch (RuntimeException ex) {
                        failure = ex;
                        dropOutbox();
                    }
                    continue;
                }
                if (closeTransport) {
                    closeTransport();
                }
                break;
            }
        } finally {
            this.sendLock.unlock();
        }
        if (failure != null) {
            failed(failure);
        }
    }

    private void dropOutbox() {
        this.lock.lock();
        try {
            this.outbox.clear();
        } finally {
            this.lock.unlock();
        }
    }

    private void closeTransport() {
        try {
            this.transport.close();
        } catch (RuntimeException ex) {
            logger.debug("[{}] Closing the transport failed", this.name, ex);
        }
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
