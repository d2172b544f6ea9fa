package io.tunnelagent.core.connector.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.edge.registration.LiveConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults end to end over every transport: the origin down or not accepting, one connection killed, the edge
 * restarted. A real connector against the local edge on loopback, requests through the edge's visitor port.
 */
class FaultIntegrationTests {

    private static final String UNREACHABLE =
            "Unable to reach the origin service. The service may be down or it may not be responding to traffic"
                    + " from cloudflared: ";

    @RegisterExtension
    final TunnelFixture fixture = new TunnelFixture();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void originDownIsA502WithCloudflaredsErrorText(Transport transport) throws Exception {
        this.fixture.started(transport);

        Visitor.Response response = this.fixture.get("down", "/hello");

        assertThat(response.status()).isEqualTo(502);
        if (transport.carriesErrorText()) {
            assertThat(response.text())
                    .containsPattern(UNREACHABLE.replace(".", "\\.")
                            + "dial tcp 127\\.0\\.0\\.1:\\d+: connect: connection refused");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void originThatNeverAcceptsIsA502AfterTheRulesConnectTimeout(Transport transport) throws Exception {
        this.fixture.started(transport);

        long start = System.nanoTime();
        Visitor.Response response = this.fixture.get("slow", "/hello");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(502);
        assertThat(took).isBetween(TunnelFixture.SLOW_CONNECT_TIMEOUT, Duration.ofSeconds(4));
        if (transport.carriesErrorText()) {
            assertThat(response.text()).containsPattern("dial tcp 127\\.0\\.0\\.1:\\d+: i/o timeout");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void killingOneConnectionLeavesInFlightRequestsOnTheOtherAloneAndNewRequestsAvoidIt(Transport transport)
            throws Exception {
        this.fixture.started(transport);
        this.fixture.started(transport);
        List<LiveConnection> live = this.fixture
                .edge()
                .connections()
                .connections(this.fixture.tunnel().id());
        assertThat(live).hasSize(2);

        CompletableFuture<Visitor.Response> slow = CompletableFuture.supplyAsync(() -> get("/slow"));
        this.fixture.origins().slowArrived().get(10, TimeUnit.SECONDS);
        LiveConnection busy =
                live.stream().filter((c) -> c.inFlight() > 0).findFirst().orElseThrow();
        LiveConnection idle = live.stream().filter((c) -> c != busy).findFirst().orElseThrow();
        idle.transport().close(0, "killed by the test").get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 6; i++) {
            Visitor.Response response = this.fixture.get("app", "/after");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello /after");
        }
        this.fixture.origins().releaseSlow();
        Visitor.Response slowResponse = slow.get(10, TimeUnit.SECONDS);
        assertThat(slowResponse.status()).isEqualTo(200);
        assertThat(slowResponse.text()).isEqualTo("hello /slow");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void edgeRestartGetsTheConnectionBackWithinTheFirstRetryWindowOfTheEdgeListeningAgain(Transport transport)
            throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        CountDownLatch back = new CountDownLatch(2);
        TunnelConnector connector = this.fixture.started(transport, new ConnectorListener() {
            @Override
            public void connected(ConnectionInfo connection) {
                back.countDown();
            }

            @Override
            public void disconnected(ConnectionInfo connection, String reason) {
                lost.countDown();
            }
        });
        int port = this.fixture.edge().edgeAddress().getPort();
        this.fixture.stopEdge();
        long closed = System.nanoTime();
        assertThat(lost.await(15, TimeUnit.SECONDS)).isTrue();
        Duration noticed = Duration.ofNanos(System.nanoTime() - closed);
        this.fixture.restartEdge(port);
        long listening = System.nanoTime();
        assertThat(back.await(15, TimeUnit.SECONDS)).isTrue();
        Duration reconnected = Duration.ofNanos(System.nanoTime() - listening);

        // The connection ends as soon as the edge closes it; the first retry after a registered connection waits
        // a random time below 2 s (the backoff restarts at a successful registration), plus one handshake.
        assertThat(noticed).isLessThan(Duration.ofSeconds(2));
        assertThat(reconnected).isLessThan(Duration.ofSeconds(4));
        assertThat(connector.readiness().ready()).isTrue();
        assertThat(this.fixture.get("app", "/back").text()).isEqualTo("hello /back");
    }

    private Visitor.Response get(String path) {
        try {
            return this.fixture.get("app", path);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
