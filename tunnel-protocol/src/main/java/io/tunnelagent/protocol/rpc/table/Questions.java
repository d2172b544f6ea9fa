package io.tunnelagent.protocol.rpc.table;

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
 *
 * @param <B> the type of the capability a Bootstrap question resolves
 */
public final class Questions<B> {

    /**
     * One outstanding question.
     *
     * @param <B> the type of the capability a Bootstrap question resolves
     */
    public static final class Question<B> {

        /** The question ID. */
        public final int id;

        /** What was asked, for messages. */
        public final String description;

        /** Completed with the results of a call; {@code null} for a Bootstrap. */
        public final @Nullable CompletableFuture<Content> results;

        /** The capability a Bootstrap resolves; {@code null} for a call. */
        public final @Nullable B bootstrap;

        /** The pending timeout, cancelled by the Return. */
        public @Nullable Future<?> timeout;

        /** Whether Finish was sent (the call timed out or returned). */
        public boolean finishSent;

        /**
         * Creates a question.
         *
         * @param id the question ID
         * @param description what was asked
         * @param results the results future of a call
         * @param bootstrap the capability of a Bootstrap
         */
        public Question(
                int id, String description, @Nullable CompletableFuture<Content> results, @Nullable B bootstrap) {
            this.id = id;
            this.description = description;
            this.results = results;
            this.bootstrap = bootstrap;
        }
    }

    private final Map<Integer, Question<B>> questions = new HashMap<>();

    private final ArrayDeque<Integer> free = new ArrayDeque<>();

    private int next;

    public int nextId() {
        return this.free.isEmpty() ? this.next : this.free.peek();
    }

    public Question<B> add(Question<B> question) {
        if (!this.free.isEmpty() && this.free.peek() == question.id) {
            this.free.pop();
        } else {
            this.next++;
        }
        this.questions.put(question.id, question);
        return question;
    }

    public @Nullable Question<B> get(int id) {
        return this.questions.get(id);
    }

    public void free(Question<B> question) {
        if (this.questions.remove(question.id, question)) {
            this.free.push(question.id);
        }
    }

    public int size() {
        return this.questions.size();
    }

    public List<Question<B>> removeAll() {
        List<Question<B>> all = new ArrayList<>(this.questions.values());
        this.questions.clear();
        return all;
    }
}
