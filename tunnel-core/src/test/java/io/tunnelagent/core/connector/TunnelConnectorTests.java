package io.tunnelagent.core.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.connector.edge.EdgeResolver;
import io.tunnelagent.core.connector.edge.SrvRecord;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.supervisor.EdgeSession;
import io.tunnelagent.core.connector.supervisor.EdgeSessions;
import io.tunnelagent.core.connector.supervisor.SessionRequest;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TunnelConnectorTests {

    private final List<SessionRequest> requests = new ArrayList<>();

    private final EdgeSessions sessions = new EdgeSessions() {
        @Override
        public synchronized CompletableFuture<EdgeSession> open(SessionRequest request) {
            TunnelConnectorTests.this.requests.add(request);
            return CompletableFuture.completedFuture(new ImmediateSession(request));
        }

        @Override
        public CompletableFuture<Void> probe(InetSocketAddress edge, TransportProtocol protocol) {
            return CompletableFuture.completedFuture(null);
        }
    };

    @Test
    void buildWithoutCredentialsSaysWhatIsMissing() {
        assertThatExceptionOfType(ConnectorException.class)
                .isThrownBy(() -> TunnelConnector.builder().build())
                .withMessage("No tunnel credentials: set a token or a credentials file");
    }

    @Test
    void gracePeriodOverThreeMinutesIsRefusedLikeCloudflared() {
        assertThatExceptionOfType(ConnectorException.class)
                .isThrownBy(() -> TunnelConnector.builder().gracePeriod(Duration.ofMinutes(4)))
                .withMessageStartingWith("grace-period must be equal or less than 3m0s");
    }

    @Test
    void haConnectionsAreCappedByTheStaticEdgeAddresses() throws Exception {
        TunnelConnector connector = connector()
                .haConnections(4)
                .edgeAddresses(List.of(edge(7001), edge(7002)))
                .build();
        connector.start().get(5, TimeUnit.SECONDS);
        awaitConnections(connector, 2);
        assertThat(this.requests).extracting(SessionRequest::connIndex).containsExactlyInAnyOrder(0, 1);
        connector.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void readinessFollowsRegisteredConnectionsAndGoesDownOnDrain() throws Exception {
        UUID id = UUID.randomUUID();
        TunnelConnector connector = connector()
                .connectorId(id)
                .haConnections(1)
                .edgeAddresses(List.of(edge(7001)))
                .build();
        assertThat(connector.readiness().ready()).isFalse();
        assertThat(connector.readiness().status()).isEqualTo(503);
        connector.start().get(5, TimeUnit.SECONDS);
        assertThat(connector.readiness().ready()).isTrue();
        assertThat(connector.readiness().toJson())
                .isEqualTo("{\"status\":200,\"readyConnections\":1,\"connectorId\":\"" + id + "\"}");
        CompletableFuture<Void> drained = connector.drain(Duration.ofSeconds(1));
        assertThat(connector.readiness().ready()).isFalse();
        drained.get(5, TimeUnit.SECONDS);
        assertThat(connector.readiness().readyConnections()).isZero();
    }

    @Test
    void offlineDiscoveryFailsStartWithCloudflaredsMessage() {
        EdgeResolver offline = new EdgeResolver() {
            @Override
            public List<SrvRecord> lookupSrv(String name) throws Exception {
                throw new UnknownHostException("_v2-origintunneld._tcp.argotunnel.com");
            }

            @Override
            public List<InetAddress> lookupHost(String host) throws Exception {
                throw new UnknownHostException(host);
            }
        };
        TunnelConnector connector = connector().resolver(offline).build();
        assertThat(connector.start())
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(ConnectorException.class)
                .withMessageContaining("Could not lookup srv records on _v2-origintunneld._tcp.argotunnel.com");
    }

    @Test
    void invalidIngressUpdateKeepsTheRulesInForce() {
        TunnelConnector connector = connector().build();
        var before = connector.rules();
        assertThatExceptionOfType(IngressValidationException.class)
                .isThrownBy(() -> connector.updateIngress(
                        List.of(IngressRuleDefinition.of("a.example.com", "http://127.0.0.1:1")), null));
        assertThat(connector.rules()).isSameAs(before);
        connector.updateIngress(List.of(IngressRuleDefinition.of(null, "http_status:418")), null);
        assertThat(connector.rules()).isNotSameAs(before);
    }

    @Test
    void aConnectorStartsOnlyOnce() throws Exception {
        TunnelConnector connector =
                connector().haConnections(1).edgeAddresses(List.of(edge(7001))).build();
        connector.start().get(5, TimeUnit.SECONDS);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(connector::start);
        connector.close().get(5, TimeUnit.SECONDS);
    }

    private ConnectorBuilder connector() {
        return TunnelConnector.builder().sessions(this.sessions);
    }

    private static void awaitConnections(TunnelConnector connector, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (connector.connections().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertThat(connector.connections()).hasSize(count);
    }

    private static InetSocketAddress edge(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    private static final class ImmediateSession implements EdgeSession {

        private final ConnectionInfo info;

        private final CompletableFuture<String> ended = new CompletableFuture<>();

        ImmediateSession(SessionRequest request) {
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
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> quiesced() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> close() {
            this.ended.complete("closed");
            return CompletableFuture.completedFuture(null);
        }
    }
}
