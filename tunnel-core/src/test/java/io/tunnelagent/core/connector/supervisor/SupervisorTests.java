package io.tunnelagent.core.connector.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.connector.ConnectorException;
import io.tunnelagent.core.connector.edge.EdgeAddresses;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.core.connector.protocol.ProtocolSelector;
import io.tunnelagent.core.testing.SteppingClock;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SupervisorTests {

    private final FakeSessions sessions = new FakeSessions();

    private final ManualDelayer delayer = new ManualDelayer();

    private final SteppingClock clock = new SteppingClock();

    private final List<String> events = new ArrayList<>();

    private final ConnectorListener listener = new ConnectorListener() {
        @Override
        public void connected(ConnectionInfo connection) {
            record("connected " + connection.connIndex() + " " + connection.protocol());
        }

        @Override
        public void disconnected(ConnectionInfo connection, String reason) {
            record("disconnected " + connection.connIndex());
        }

        @Override
        public void connectionFailed(
                int connIndex, InetSocketAddress edge, TransportProtocol protocol, ConnectionFailure failure) {
            record("failed " + connIndex + " " + failure.kind());
        }

        @Override
        public void protocolChanged(TransportProtocol from, TransportProtocol to) {
            record("protocol " + from + " -> " + to);
        }
    };

    @Test
    void connectionZeroStartsFirstAndTheOthersOnePerSecondAfterItRegistered() throws Exception {
        Supervisor supervisor = supervisor(4, ProtocolMode.AUTO, 4);
        CompletableFuture<Void> started = supervisor.start();
        started.get(5, TimeUnit.SECONDS);
        assertThat(this.sessions.requests())
                .extracting(SessionRequest::connIndex)
                .containsExactly(0);
        assertThat(this.delayer.pendingDelays())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        this.delayer.fireAll();
        assertThat(this.sessions.requests())
                .extracting(SessionRequest::connIndex)
                .containsExactly(0, 1, 2, 3);
        assertThat(supervisor.connections()).hasSize(4);
        assertThat(this.sessions.requests()).extracting(SessionRequest::edge).doesNotHaveDuplicates();
    }

    @Test
    void permanentRegistrationErrorAbortsStartup() {
        this.sessions.failNext(ConnectionFailure.Kind.PERMANENT, "the edge refused the registration: gone", 1);
        CompletableFuture<Void> started = supervisor(2, ProtocolMode.AUTO, 2).start();
        assertThat(started)
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat()
                .havingRootCause()
                .isInstanceOf(ConnectorException.class)
                .withMessage("Initial tunnel connection failed: the edge refused the registration: gone");
        assertThat(this.delayer.pendingDelays()).isEmpty();
    }

    @Test
    void unauthorizedIsRetriedAtStartup() throws Exception {
        this.sessions.failNext(ConnectionFailure.Kind.PERMANENT, "Unauthorized: tunnel not found yet", 1);
        CompletableFuture<Void> started = supervisor(1, ProtocolMode.AUTO, 1).start();
        assertThat(started).isNotDone();
        assertThat(this.delayer.pendingDelays())
                .singleElement()
                .satisfies((delay) -> assertThat(delay).isLessThan(Duration.ofSeconds(2)));
        this.delayer.fireAll();
        started.get(5, TimeUnit.SECONDS);
        assertThat(this.sessions.requests()).hasSize(2);
        assertThat(this.sessions.requests().get(1).previousAttempts()).isEqualTo(1);
    }

    @Test
    void duplicateConnectionMovesToAnotherAddress() throws Exception {
        this.sessions.failNext(ConnectionFailure.Kind.DUPLICATE, "EDUPCONN", 1);
        CompletableFuture<Void> started = supervisor(1, ProtocolMode.QUIC, 3).start();
        this.delayer.fireAll();
        started.get(5, TimeUnit.SECONDS);
        List<SessionRequest> requests = this.sessions.requests();
        assertThat(requests.get(1).edge()).isNotEqualTo(requests.get(0).edge());
    }

    @Test
    void lostConnectionIsReestablishedAfterABackoff() throws Exception {
        Supervisor supervisor = supervisor(1, ProtocolMode.QUIC, 1);
        supervisor.start().get(5, TimeUnit.SECONDS);
        this.sessions.session(0).ended.complete("idle timeout");
        assertThat(supervisor.connections()).isEmpty();
        assertThat(this.delayer.pendingDelays())
                .singleElement()
                .satisfies((delay) -> assertThat(delay).isLessThan(Duration.ofSeconds(2)));
        this.delayer.fireAll();
        assertThat(supervisor.connections()).hasSize(1);
        assertThat(this.events).containsExactly("connected 0 QUIC", "disconnected 0", "connected 0 QUIC");
    }

    @Test
    void autoFallsBackToHttp2WhenQuicFailsUntilTheRetryLimit() throws Exception {
        this.sessions.failNext(ConnectionFailure.Kind.CONTROL_STREAM, "no answer", 5);
        CompletableFuture<Void> started = supervisor(1, ProtocolMode.AUTO, 1).start();
        for (int i = 0; i < 5; i++) {
            fireRetry();
        }
        started.get(5, TimeUnit.SECONDS);
        assertThat(this.sessions.requests())
                .extracting(SessionRequest::protocol)
                .containsExactly(
                        TransportProtocol.QUIC,
                        TransportProtocol.QUIC,
                        TransportProtocol.QUIC,
                        TransportProtocol.QUIC,
                        TransportProtocol.QUIC,
                        TransportProtocol.HTTP2);
        assertThat(this.events).contains("protocol QUIC -> HTTP2").endsWith("connected 0 HTTP2");
    }

    @Test
    void brokenQuicFallsBackAtOnce() throws Exception {
        this.sessions.failNext(ConnectionFailure.Kind.QUIC_BROKEN, "operation not permitted", 1);
        CompletableFuture<Void> started = supervisor(1, ProtocolMode.AUTO, 2).start();
        fireRetry();
        started.get(5, TimeUnit.SECONDS);
        assertThat(this.sessions.requests())
                .extracting(SessionRequest::protocol)
                .containsExactly(TransportProtocol.QUIC, TransportProtocol.HTTP2);
    }

    @Test
    void staticQuicNeverFallsBack() {
        this.sessions.failNext(ConnectionFailure.Kind.QUIC_BROKEN, "operation not permitted", 8);
        supervisor(1, ProtocolMode.QUIC, 1).start();
        for (int i = 0; i < 7; i++) {
            fireRetry();
        }
        assertThat(this.sessions.requests())
                .extracting(SessionRequest::protocol)
                .containsOnly(TransportProtocol.QUIC);
    }

    @Test
    void successfulReprobeMovesConnectionsBackToQuicOneAtATime() throws Exception {
        this.sessions.failNext(ConnectionFailure.Kind.QUIC_BROKEN, "operation not permitted", 1);
        Supervisor supervisor = supervisor(2, ProtocolMode.AUTO, 2);
        CompletableFuture<Void> started = supervisor.start();
        fireRetry();
        started.get(5, TimeUnit.SECONDS);
        this.delayer.fire(Duration.ofSeconds(1));
        assertThat(supervisor.connections())
                .extracting(ConnectionInfo::protocol)
                .containsOnly(TransportProtocol.HTTP2);
        this.clock.advance(Duration.ofMinutes(5));
        this.delayer.fire(Duration.ofMinutes(5));
        assertThat(this.sessions.probes).hasSize(1).allMatch((probe) -> probe.startsWith("QUIC"));
        assertThat(supervisor.connections())
                .extracting(ConnectionInfo::protocol)
                .containsOnly(TransportProtocol.QUIC);
        assertThat(this.sessions.log).containsExactly("unregister 0", "close 0", "unregister 1", "close 1");
        assertThat(this.events).contains("protocol HTTP2 -> QUIC");
    }

    @Test
    void failedReprobeStaysOnHttp2AndTriesAgainLater() throws Exception {
        this.sessions.failNext(ConnectionFailure.Kind.QUIC_BROKEN, "operation not permitted", 1);
        this.sessions.probeWorks = false;
        Supervisor supervisor = supervisor(1, ProtocolMode.AUTO, 1);
        CompletableFuture<Void> started = supervisor.start();
        fireRetry();
        started.get(5, TimeUnit.SECONDS);
        this.clock.advance(Duration.ofMinutes(5));
        this.delayer.fire(Duration.ofMinutes(5));
        assertThat(this.sessions.probes).hasSize(1);
        assertThat(supervisor.connections())
                .extracting(ConnectionInfo::protocol)
                .containsOnly(TransportProtocol.HTTP2);
        assertThat(this.delayer.pendingDelays()).contains(Duration.ofMinutes(5));
    }

    @Test
    void drainUnregistersEveryConnectionWaitsForInFlightRequestsThenCloses() throws Exception {
        Supervisor supervisor = supervisor(2, ProtocolMode.QUIC, 2);
        supervisor.start().get(5, TimeUnit.SECONDS);
        this.delayer.fireAll();
        CompletableFuture<Void> busy = new CompletableFuture<>();
        this.sessions.session(1).quiesced = busy;
        CompletableFuture<Void> drained = supervisor.drain(Duration.ofSeconds(30));
        assertThat(this.sessions.log).containsExactly("unregister 0", "close 0", "unregister 1");
        assertThat(drained).isNotDone();
        busy.complete(null);
        assertThat(drained).succeedsWithin(Duration.ofSeconds(5));
        assertThat(this.sessions.log).endsWith("close 1");
        assertThat(this.sessions.requests()).hasSize(2);
        assertThat(this.delayer.pendingDelays()).isEmpty();
    }

    @Test
    void drainClosesAfterTheGracePeriodEvenIfRequestsAreStillInFlight() throws Exception {
        Supervisor supervisor = supervisor(1, ProtocolMode.QUIC, 1);
        supervisor.start().get(5, TimeUnit.SECONDS);
        this.sessions.session(0).quiesced = new CompletableFuture<>();
        CompletableFuture<Void> drained = supervisor.drain(Duration.ofSeconds(10));
        assertThat(drained).isNotDone();
        this.delayer.fire(Duration.ofSeconds(10));
        assertThat(drained).succeedsWithin(Duration.ofSeconds(5));
        assertThat(this.sessions.log).containsExactly("unregister 0", "close 0");
    }

    private Supervisor supervisor(int haConnections, ProtocolMode mode, int addressCount) {
        List<InetSocketAddress> edges = new ArrayList<>();
        for (int i = 0; i < addressCount; i++) {
            edges.add(new InetSocketAddress("127.0.0.1", 7844 + i));
        }
        SupervisorSettings settings = new SupervisorSettings(
                haConnections, 5, Duration.ofSeconds(1), Duration.ofSeconds(1), 8, Duration.ofMinutes(5));
        return new Supervisor(
                settings,
                EdgeAddresses.ofStatic(edges, new Random(3)),
                new ProtocolSelector(mode, this.clock, Duration.ofMinutes(5)),
                this.sessions,
                this.delayer,
                this.clock,
                new Random(5),
                this.listener);
    }

    /** Fires the pending reconnect backoff (always under a minute), not the re-probe timer. */
    private void fireRetry() {
        Duration retry = this.delayer.pendingDelays().stream()
                .filter((delay) -> delay.compareTo(Duration.ofMinutes(1)) < 0)
                .findFirst()
                .orElseThrow();
        this.delayer.fire(retry);
    }

    private synchronized void record(String event) {
        this.events.add(event);
    }
}
