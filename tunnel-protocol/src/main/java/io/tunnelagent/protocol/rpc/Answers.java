package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.message.ExceptionInfo;
import io.tunnelagent.protocol.rpc.message.Payload;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The answer table: questions the peer asked. An entry lives until this side sent the Return and the peer sent the
 * Finish; calls pipelined on an entry that has not returned yet wait in it. Guarded by the connection's lock.
 */
final class Answers {

    /** One answer. */
    static final class Answer {

        final int id;

        boolean returned;

        boolean finishReceived;

        @Nullable
        Payload results;

        @Nullable
        ExceptionInfo exception;

        @Nullable
        Future<?> running;

        final List<Queued> pipelined = new ArrayList<>();

        Answer(int id) {
            this.id = id;
        }
    }

    /**
     * A call pipelined on an answer that has not returned yet.
     *
     * @param answer the call's own answer entry
     * @param call the call
     */
    record Queued(Answer answer, RpcMessage.Call call) {}

    private final Map<Integer, Answer> answers = new HashMap<>();

    boolean contains(int id) {
        return this.answers.containsKey(id);
    }

    Answer add(int id) {
        Answer answer = new Answer(id);
        this.answers.put(id, answer);
        return answer;
    }

    @Nullable
    Answer get(int id) {
        return this.answers.get(id);
    }

    /** Removes the entry once both the Return and the Finish happened. */
    void removeIfDone(Answer answer) {
        if (answer.returned && answer.finishReceived) {
            this.answers.remove(answer.id, answer);
        }
    }

    int size() {
        return this.answers.size();
    }

    List<Answer> removeAll() {
        List<Answer> all = new ArrayList<>(this.answers.values());
        this.answers.clear();
        return all;
    }
}
