package io.tunnelagent.core.connector.integration;

import static io.tunnelagent.core.connector.integration.TunnelFixture.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.connector.TunnelConnector;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Graceful drain end to end: two connectors on one tunnel, one drained under a steady load. */
class DrainIntegrationTests {

    private static final int LOAD_THREADS = 2;

    @RegisterExtension
    final TunnelFixture fixture = new TunnelFixture();

    /**
     * Over Netty QUIC and HTTP/2. Not over Kwik: in 2 of about 10 full-suite runs the edge still listed the drained
     * Kwik connection 10 s after the drain completed (no request was lost in those runs); the cause is not found yet
     * and is named in tunnel-core's README, so this test does not claim it.
     */
    @ParameterizedTest
    @EnumSource(
            value = Transport.class,
            names = {"NETTY_QUIC", "HTTP2"})
    void drainOfOneOfTwoConnectorsLosesNoRequestUnderSteadyLoad(Transport transport) throws Exception {
        TunnelConnector first = this.fixture.started(transport);
        TunnelConnector second = this.fixture.started(transport);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean drained = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        CountDownLatch beforeDrain = new CountDownLatch(20);
        CountDownLatch afterDrain = new CountDownLatch(20);
        CompletableFuture<?>[] load = new CompletableFuture<?>[LOAD_THREADS];
        for (int i = 0; i < LOAD_THREADS; i++) {
            load[i] = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    sent.incrementAndGet();
                    statuses.computeIfAbsent(status(), (key) -> new AtomicInteger())
                            .incrementAndGet();
                    (drained.get() ? afterDrain : beforeDrain).countDown();
                }
            });
        }

        assertThat(beforeDrain.await(20, TimeUnit.SECONDS)).isTrue();
        first.drain(Duration.ofSeconds(5)).get(15, TimeUnit.SECONDS);
        drained.set(true);
        assertThat(afterDrain.await(20, TimeUnit.SECONDS)).isTrue();
        running.set(false);
        CompletableFuture.allOf(load).get(20, TimeUnit.SECONDS);

        assertThat(statuses).containsOnlyKeys(200);
        assertThat(statuses.get(200).get()).isEqualTo(sent.get()).isGreaterThanOrEqualTo(40);
        assertThat(first.readiness().ready()).isFalse();
        assertThat(second.readiness().ready()).isTrue();
        // The edge forgets the drained connection when it sees it closed, a moment after the connector closed it.
        LeakWatch.await(
                Duration.ofSeconds(10),
                () -> this.fixture
                                .edge()
                                .connections()
                                .connections(this.fixture.tunnel().id())
                                .size()
                        == 1);
        assertThat(this.fixture
                        .edge()
                        .connections()
                        .connections(this.fixture.tunnel().id()))
                .singleElement()
                .satisfies((live) -> assertThat(live.connectorId()).isEqualTo(second.connectorId()));
    }

    /** One GET on a new visitor connection; -1 when the exchange itself failed. */
    private int status() {
        try (Visitor visitor = this.fixture.visitor()) {
            return visitor.get(host("app"), "/load").status();
        } catch (IOException ex) {
            return -1;
        }
    }
}
