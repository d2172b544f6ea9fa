package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.message.CapDescriptor;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.ExceptionInfo;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.MessageTarget;
import io.tunnelagent.protocol.rpc.message.Payload;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asking half of a connection: Bootstrap and Call questions, their timeouts, the Returns and {@code
 * unimplemented} echoes that answer them, and the import table. Methods taking a {@link Batch} run under the
 * connection's lock.
 */
final class ClientSide {

    private static final Logger logger = LoggerFactory.getLogger(ClientSide.class);

    private final RpcConnection connection;

    private final ScheduledExecutorService scheduler;

    private final Duration callTimeout;

    private final int maxQuestions;

    private final Questions questions = new Questions();

    private final Map<Integer, Integer> imports = new TreeMap<>();

    ClientSide(RpcConnection connection, ScheduledExecutorService scheduler, Duration callTimeout, int maxQuestions) {
        this.connection = connection;
        this.scheduler = scheduler;
        this.callTimeout = callTimeout;
        this.maxQuestions = maxQuestions;
    }

    ImportedCapability bootstrap(Batch batch) {
        ImportedCapability capability = new ImportedCapability(this);
        RpcException refusal = refusal();
        if (refusal != null) {
            capability.broken(refusal);
            return capability;
        }
        int id = this.questions.nextId();
        this.connection.send(new RpcMessage.Bootstrap(id));
        Questions.Question question = this.questions.add(new Questions.Question(id, "bootstrap", null, capability));
        capability.pending(id);
        question.timeout = schedule(question, this.callTimeout);
        return capability;
    }

    CompletableFuture<Content> call(
            ImportedCapability capability, long interfaceId, int methodId, Content params, @Nullable Duration timeout) {
        CompletableFuture<Content> results = new CompletableFuture<>();
        String description = String.format("call 0x%016x@%d", interfaceId, methodId);
        this.connection.locked(batch -> {
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
                this.connection.send(new RpcMessage.Call(id, target, interfaceId, methodId, Payload.of(params)));
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
        this.connection.locked(batch -> {
            int importId = capability.markReleased();
            if (this.connection.isOpen() && importId >= 0 && releaseImport(importId, 1)) {
                this.connection.send(new RpcMessage.Release(importId, 1));
            }
            return null;
        });
    }

    /** Sends Release for every import, as an orderly close does before its Abort. */
    void releaseAll() {
        this.imports.forEach((id, count) -> this.connection.send(new RpcMessage.Release(id, count)));
        this.imports.clear();
    }

    void onReturn(RpcMessage.Return ret, ByteBuffer frame, Batch batch) {
        Questions.Question question = this.questions.get(ret.answerId());
        if (question == null) {
            this.connection.abort("Return for unknown question " + Integer.toUnsignedString(ret.answerId()), batch);
            return;
        }
        cancelTimeout(question, batch);
        if (question.finishSent) {
            logger.debug("[{}] Ignored late Return for timed-out question {}", this.connection.name(), question.id);
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
                this.connection.sendFrame(MessageCodec.unimplemented(frame.duplicate()), "unimplemented echo");
                failure = RpcException.of(
                        RpcException.Kind.UNIMPLEMENTED,
                        "The peer answered " + question.description + " with an unsupported Return (" + ret.kind()
                                + ")");
            }
        }
        this.connection.send(new RpcMessage.Finish(question.id, releaseResultCaps));
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
            this.connection.send(new RpcMessage.Release(importId, 1));
        } else {
            this.imports.merge(importId, 1, Integer::sum);
        }
        capability.resolved(importId);
        return null;
    }

    void onUnimplemented(RpcMessage echoed, Batch batch) {
        int id;
        if (echoed instanceof RpcMessage.Bootstrap bootstrap) {
            id = bootstrap.questionId();
        } else if (echoed instanceof RpcMessage.Call call) {
            id = call.questionId();
        } else {
            logger.debug("[{}] The peer did not understand {}", this.connection.name(), echoed);
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
        this.connection.locked(batch -> {
            if (!this.connection.isOpen() || this.questions.get(question.id) != question || question.finishSent) {
                return null;
            }
            this.connection.send(new RpcMessage.Finish(question.id, true));
            question.finishSent = true;
            fail(
                    question,
                    RpcException.of(
                            RpcException.Kind.TIMEOUT,
                            "RPC " + question.description + " on " + this.connection.name() + " timed out after "
                                    + timeout + "; the question was canceled"),
                    batch);
            return null;
        });
    }

    /** Fails every question and forgets the imports; the connection is closing. */
    void shutdown(RpcException cause, Batch batch) {
        for (Questions.Question question : this.questions.removeAll()) {
            cancelTimeout(question, batch);
            fail(question, cause, batch);
        }
        this.imports.clear();
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
        if (!this.connection.isOpen()) {
            return this.connection.closeCause();
        }
        if (this.questions.size() >= this.maxQuestions) {
            return RpcException.of(
                    RpcException.Kind.OVERLOADED,
                    "Too many outstanding calls on " + this.connection.name() + " (limit " + this.maxQuestions
                            + "); wait for answers or raise maxQuestions");
        }
        return null;
    }

    private Future<?> schedule(Questions.Question question, Duration timeout) {
        return this.scheduler.schedule(() -> onTimeout(question, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimeout(Questions.Question question, Batch batch) {
        Future<?> timeout = question.timeout;
        if (timeout != null) {
            question.timeout = null;
            batch.after(() -> timeout.cancel(false));
        }
    }
}
