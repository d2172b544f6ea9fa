package io.tunnelagent.protocol.rpc.table;

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
public final class Answers {

    /** One answer. */
    public static final class Answer {

        /** The question ID the peer chose. */
        public final int id;

        /** Whether the Return was sent (or is no longer owed). */
        public boolean returned;

        /** Whether the peer sent Finish. */
        public boolean finishReceived;

        /** The results returned, for pipelined calls and Finish. */
        public @Nullable Payload results;

        /** The exception returned, for pipelined calls. */
        public @Nullable ExceptionInfo exception;

        /** The capability's running call, cancelled by Finish or shutdown. */
        public @Nullable Future<?> running;

        /** Calls pipelined on this answer before it returned. */
        public final List<Queued> pipelined = new ArrayList<>();

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
    public record Queued(Answer answer, RpcMessage.Call call) {}

    private final Map<Integer, Answer> answers = new HashMap<>();

    public boolean contains(int id) {
        return this.answers.containsKey(id);
    }

    public Answer add(int id) {
        Answer answer = new Answer(id);
        this.answers.put(id, answer);
        return answer;
    }

    public @Nullable Answer get(int id) {
        return this.answers.get(id);
    }

    /** Removes the entry once both the Return and the Finish happened. */
    public void removeIfDone(Answer answer) {
        if (answer.returned && answer.finishReceived) {
            this.answers.remove(answer.id, answer);
        }
    }

    public int size() {
        return this.answers.size();
    }

    public List<Answer> removeAll() {
        List<Answer> all = new ArrayList<>(this.answers.values());
        this.answers.clear();
        return all;
    }
}
