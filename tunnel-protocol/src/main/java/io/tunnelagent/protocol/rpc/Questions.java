package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.message.Content;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The question table: calls and bootstraps this side sent. IDs are allocated from 0 and reused last-freed-first, as
 * Go's capnp library does, once the Return arrived and the Finish went out. Guarded by the connection's lock.
 */
final class Questions {

    /** One outstanding question. */
    static final class Question {

        final int id;

        final String description;

        final @Nullable CompletableFuture<Content> results;

        final @Nullable ImportedCapability bootstrap;

        @Nullable
        Future<?> timeout;

        boolean finishSent;

        Question(
                int id,
                String description,
                @Nullable CompletableFuture<Content> results,
                @Nullable ImportedCapability bootstrap) {
            this.id = id;
            this.description = description;
            this.results = results;
            this.bootstrap = bootstrap;
        }
    }

    private final Map<Integer, Question> questions = new HashMap<>();

    private final ArrayDeque<Integer> free = new ArrayDeque<>();

    private int next;

    int nextId() {
        return this.free.isEmpty() ? this.next : this.free.peek();
    }

    Question add(Question question) {
        if (!this.free.isEmpty() && this.free.peek() == question.id) {
            this.free.pop();
        } else {
            this.next++;
        }
        this.questions.put(question.id, question);
        return question;
    }

    @Nullable
    Question get(int id) {
        return this.questions.get(id);
    }

    void free(Question question) {
        if (this.questions.remove(question.id, question)) {
            this.free.push(question.id);
        }
    }

    int size() {
        return this.questions.size();
    }

    List<Question> removeAll() {
        List<Question> all = new ArrayList<>(this.questions.values());
        this.questions.clear();
        return all;
    }
}
