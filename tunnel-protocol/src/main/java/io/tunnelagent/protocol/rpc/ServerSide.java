package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.message.CapDescriptor;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.ExceptionInfo;
import io.tunnelagent.protocol.rpc.message.MessageTarget;
import io.tunnelagent.protocol.rpc.message.Payload;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.wire.Pointer;
import io.tunnelagent.protocol.rpc.wire.PointerLocation;
import io.tunnelagent.protocol.rpc.wire.WireReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The answering half of a connection: Bootstrap, Call (direct and pipelined), Finish and Release from the peer.
 * Methods ending in {@code Locked} or taking a {@link Batch} run under the connection's lock.
 */
final class ServerSide {

    private final RpcConnection connection;

    ServerSide(RpcConnection connection) {
        this.connection = connection;
    }

    void bootstrap(int questionId, Batch batch) {
        Answers.Answer answer = admit(questionId, batch);
        if (answer == null) {
            return;
        }
        answer.returned = true;
        Capability capability = this.connection.bootstrapCapability();
        if (capability == null) {
            answer.exception = ExceptionInfo.failed("rpc: this side serves no bootstrap capability");
            this.connection.send(RpcMessage.Return.exception(questionId, answer.exception));
            return;
        }
        int exportId = this.connection.exports().exportBootstrap(capability);
        answer.results = new Payload(Content.capability(0), List.of(CapDescriptor.senderHosted(exportId)));
        this.connection.send(RpcMessage.Return.results(questionId, answer.results));
    }

    void call(RpcMessage.Call call, Batch batch) {
        Answers.Answer answer = admit(call.questionId(), batch);
        if (answer != null) {
            route(answer, call, batch);
        }
    }

    private Answers.@Nullable Answer admit(int questionId, Batch batch) {
        Answers answers = this.connection.answers();
        if (answers.contains(questionId)) {
            this.connection.abort(
                    "question ID " + Integer.toUnsignedString(questionId) + " is still in use (no Finish yet)", batch);
            return null;
        }
        if (answers.size() >= this.connection.maxAnswers()) {
            this.connection.abort(
                    "too many unfinished questions (limit " + this.connection.maxAnswers()
                            + "); send Finish for answered questions",
                    batch);
            return null;
        }
        return answers.add(questionId);
    }

    private void route(Answers.Answer answer, RpcMessage.Call call, Batch batch) {
        Capability capability;
        if (call.target() instanceof MessageTarget.ImportedCap imported) {
            capability = this.connection.exports().get(imported.importId());
            if (capability == null) {
                returnException(
                        answer,
                        ExceptionInfo.failed(
                                "rpc: call on unknown capability ID " + Integer.toUnsignedString(imported.importId())),
                        batch);
                return;
            }
        } else {
            MessageTarget.PromisedAnswer promised = (MessageTarget.PromisedAnswer) call.target();
            Answers.Answer target = this.connection.answers().get(promised.questionId());
            if (target == null) {
                returnException(
                        answer,
                        ExceptionInfo.failed("rpc: call pipelined on unknown question "
                                + Integer.toUnsignedString(promised.questionId())),
                        batch);
                return;
            }
            if (!target.returned) {
                target.pipelined.add(new Answers.Queued(answer, call));
                return;
            }
            try {
                capability = resolve(target, promised.transform());
            } catch (RpcException ex) {
                returnException(answer, ExceptionInfo.failed("rpc: " + ex.getMessage()), batch);
                return;
            }
        }
        Capability chosen = capability;
        batch.after(() -> invoke(answer, chosen, call));
    }

    private Capability resolve(Answers.Answer target, List<Integer> transform) {
        if (target.exception != null) {
            throw RpcException.remote(kindOf(target.exception.type()), target.exception.reason());
        }
        Payload results = target.results;
        if (results == null) {
            throw RpcException.of(RpcException.Kind.FAILED, "pipelined on a canceled question");
        }
        WireReader reader = results.content().reader();
        PointerLocation location = reader.rootLocation();
        for (int field : transform) {
            location = reader.struct(location).locate(field);
        }
        Pointer pointer = location.resolve();
        int index = (pointer.kind() == Pointer.Kind.CAPABILITY) ? pointer.count() : -1;
        if (index < 0 || index >= results.capTable().size()) {
            throw RpcException.of(RpcException.Kind.FAILED, "pipelined call target is not a capability");
        }
        CapDescriptor descriptor = results.capTable().get(index);
        Capability capability = this.connection.exports().get(descriptor.id());
        if (descriptor.kind() != CapDescriptor.Kind.SENDER_HOSTED || capability == null) {
            throw RpcException.of(RpcException.Kind.FAILED, "pipelined call target was released");
        }
        return capability;
    }

    private void invoke(Answers.Answer answer, Capability capability, RpcMessage.Call call) {
        CompletableFuture<Content> running;
        try {
            running = Objects.requireNonNull(
                    capability.call(
                            call.interfaceId(), call.methodId(), call.params().content()),
                    "the capability returned no future");
        } catch (RuntimeException ex) {
            running = CompletableFuture.failedFuture(ex);
        }
        CompletableFuture<Content> started = running;
        this.connection.locked(batch -> {
            if (!answer.returned) {
                answer.running = started;
            }
            return null;
        });
        started.whenComplete((content, error) -> this.connection.locked(batch -> {
            complete(answer, content, error, batch);
            return null;
        }));
    }

    private void complete(Answers.Answer answer, Content content, Throwable error, Batch batch) {
        if (!this.connection.isOpen() || answer.returned) {
            return;
        }
        answer.running = null;
        if (error == null) {
            try {
                Payload results = Payload.of(content);
                answer.returned = true;
                answer.results = results;
                this.connection.send(RpcMessage.Return.results(answer.id, results));
            } catch (RuntimeException ex) {
                answer.returned = false;
                answer.results = null;
                returnException(answer, exceptionOf(ex), batch);
                return;
            }
            finishIfDone(answer, batch);
        } else {
            returnException(answer, exceptionOf(error), batch);
        }
    }

    private void returnException(Answers.Answer answer, ExceptionInfo exception, Batch batch) {
        answer.returned = true;
        answer.exception = exception;
        this.connection.send(RpcMessage.Return.exception(answer.id, exception));
        finishIfDone(answer, batch);
    }

    private void finishIfDone(Answers.Answer answer, Batch batch) {
        this.connection.answers().removeIfDone(answer);
        List<Answers.Queued> queued = new ArrayList<>(answer.pipelined);
        answer.pipelined.clear();
        for (Answers.Queued waiting : queued) {
            if (!waiting.answer().returned) {
                route(waiting.answer(), waiting.call(), batch);
            }
        }
    }

    void finish(RpcMessage.Finish finish, Batch batch) {
        Answers.Answer answer = this.connection.answers().get(finish.questionId());
        if (answer == null || answer.finishReceived) {
            this.connection.abort(
                    "Finish for unknown question " + Integer.toUnsignedString(finish.questionId()), batch);
            return;
        }
        answer.finishReceived = true;
        if (answer.returned) {
            if (finish.releaseResultCaps() && answer.results != null) {
                for (CapDescriptor descriptor : answer.results.capTable()) {
                    this.connection.exports().release(descriptor.id(), 1);
                }
            }
            this.connection.answers().removeIfDone(answer);
            return;
        }
        Future<?> running = answer.running;
        if (running != null) {
            batch.after(() -> running.cancel(false));
        }
        answer.returned = true;
        answer.running = null;
        this.connection.send(RpcMessage.Return.canceled(answer.id));
        finishIfDone(answer, batch);
    }

    void release(RpcMessage.Release release, Batch batch) {
        if (!this.connection.exports().release(release.id(), release.referenceCount())) {
            this.connection.abort(
                    "Release of " + Integer.toUnsignedString(release.referenceCount()) + " references to export ID "
                            + Integer.toUnsignedString(release.id()) + " that holds fewer",
                    batch);
        }
    }

    void shutdown(List<Answers.Answer> answers, Batch batch) {
        for (Answers.Answer answer : answers) {
            Future<?> running = answer.running;
            answer.returned = true;
            if (running != null) {
                batch.after(() -> running.cancel(false));
            }
        }
    }

    static ExceptionInfo exceptionOf(Throwable error) {
        Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
        if (cause instanceof RpcException rpc) {
            String reason = (rpc.remoteReason() != null) ? rpc.remoteReason() : String.valueOf(rpc.getMessage());
            return new ExceptionInfo(reason, typeOf(rpc.kind()));
        }
        String reason = (cause.getMessage() != null)
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
        return ExceptionInfo.failed(reason);
    }

    static RpcException.Kind kindOf(ExceptionInfo.Type type) {
        return switch (type) {
            case FAILED -> RpcException.Kind.FAILED;
            case OVERLOADED -> RpcException.Kind.OVERLOADED;
            case DISCONNECTED -> RpcException.Kind.DISCONNECTED;
            case UNIMPLEMENTED -> RpcException.Kind.UNIMPLEMENTED;
        };
    }

    private static ExceptionInfo.Type typeOf(RpcException.Kind kind) {
        return switch (kind) {
            case OVERLOADED -> ExceptionInfo.Type.OVERLOADED;
            case DISCONNECTED -> ExceptionInfo.Type.DISCONNECTED;
            case UNIMPLEMENTED -> ExceptionInfo.Type.UNIMPLEMENTED;
            case FAILED, TIMEOUT -> ExceptionInfo.Type.FAILED;
        };
    }
}
