package io.tunnelagent.core.connector.supervisor;

import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Scripted sessions: each attempt takes the next scripted outcome (default: success) and is recorded. */
final class FakeSessions implements EdgeSessions {

    final List<SessionRequest> requests = new ArrayList<>();

    final List<FakeSession> sessions = new ArrayList<>();

    final List<String> log = new ArrayList<>();

    final List<String> probes = new ArrayList<>();

    private final Deque<ConnectionFailure> failures = new ArrayDeque<>();

    boolean probeWorks = true;

    synchronized void failNext(ConnectionFailure.Kind kind, String message, int times) {
        for (int i = 0; i < times; i++) {
            this.failures.add(new ConnectionFailure(kind, message));
        }
    }

    @Override
    public synchronized CompletableFuture<EdgeSession> open(SessionRequest request) {
        this.requests.add(request);
        ConnectionFailure failure = this.failures.poll();
        if (failure != null) {
            return CompletableFuture.failedFuture(new SessionException(failure, null));
        }
        FakeSession session = new FakeSession(this, request);
        this.sessions.add(session);
        return CompletableFuture.completedFuture(session);
    }

    @Override
    public synchronized CompletableFuture<Void> probe(InetSocketAddress edge, TransportProtocol protocol) {
        this.probes.add(protocol + " " + edge.getPort());
        return this.probeWorks
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new IllegalStateException("UDP blocked"));
    }

    synchronized void record(String event) {
        this.log.add(event);
    }

    synchronized List<SessionRequest> requests() {
        return List.copyOf(this.requests);
    }

    synchronized FakeSession session(int index) {
        return this.sessions.get(index);
    }

    /** A registered session whose end, unregister answer and in-flight requests the test controls. */
    static final class FakeSession implements EdgeSession {

        final CompletableFuture<String> ended = new CompletableFuture<>();

        CompletableFuture<Void> quiesced = CompletableFuture.completedFuture(null);

        private final FakeSessions owner;

        private final ConnectionInfo info;

        FakeSession(FakeSessions owner, SessionRequest request) {
            this.owner = owner;
            this.info = new ConnectionInfo(
                    request.connIndex(), UUID.randomUUID(), "LOCAL", request.protocol(), request.edge(), false);
        }

        @Override
        public ConnectionInfo info() {
            return this.info;
        }

        @Override
        public CompletableFuture<String> ended() {
            return this.ended;
        }

        @Override
        public CompletableFuture<Void> unregister(Duration timeout) {
            this.owner.record("unregister " + this.info.connIndex());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> quiesced() {
            return this.quiesced;
        }

        @Override
        public CompletableFuture<Void> close() {
            this.owner.record("close " + this.info.connIndex());
            this.ended.complete("closed");
            return CompletableFuture.completedFuture(null);
        }
    }
}
