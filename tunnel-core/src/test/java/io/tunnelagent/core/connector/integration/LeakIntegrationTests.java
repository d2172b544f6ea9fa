package io.tunnelagent.core.connector.integration;

import static io.tunnelagent.core.connector.integration.TunnelFixture.host;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.metrics.TunnelMeter;
import io.tunnelagent.edge.metrics.EdgeMeter;
import io.tunnelagent.edge.registration.LiveConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 requests through the tunnel, then no buffer leak (Netty's detector at PARANOID), no stream left open on the
 * edge or the connector, and no thread left running once everything is closed.
 */
class LeakIntegrationTests {

    private static final int REQUESTS = 10_000;

    private static final int VISITORS = 4;

    @TempDir
    Path state;

    @Test
    void tenThousandRequestsLeaveNoBufferStreamOrThreadBehind() throws Exception {
        try (LeakWatch watch = LeakWatch.start()) {
            TunnelFixture fixture = new TunnelFixture(this.state);
            try {
                TunnelConnector connector = fixture.started(Transport.NETTY_QUIC);
                long start = System.nanoTime();
                ExecutorService visitors = Executors.newFixedThreadPool(VISITORS);
                List<Future<Integer>> served = new ArrayList<>();
                for (int v = 0; v < VISITORS; v++) {
                    int visitor = v;
                    served.add(visitors.submit(() -> visit(fixture, visitor, REQUESTS / VISITORS)));
                }
                int total = 0;
                for (Future<Integer> count : served) {
                    total += count.get(5, TimeUnit.MINUTES);
                }
                visitors.shutdown();
                assertThat(visitors.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                System.out.printf("%d requests in %d ms%n", total, (System.nanoTime() - start) / 1_000_000);
                assertThat(total).isEqualTo(REQUESTS);

                assertThat(LeakWatch.await(Duration.ofSeconds(10), () -> streamsOpen(fixture, connector) == 0))
                        .as("streams still open on the edge or the connector: %s", streamsOpen(fixture, connector))
                        .isTrue();
            } finally {
                fixture.close();
            }
            assertThat(watch.threadsStillAlive(Duration.ofSeconds(10))).isEmpty();
            assertThat(watch.leaks()).isEmpty();
        }
    }

    /** Sends {@code count} requests on one kept-alive visitor connection: GETs and small POSTs in turn. */
    private static int visit(TunnelFixture fixture, int visitor, int count) throws Exception {
        try (Visitor client = fixture.visitor()) {
            for (int i = 0; i < count; i++) {
                String id = visitor + "-" + i;
                if (i % 2 == 0) {
                    Visitor.Response response = client.get(host("app"), "/get-" + id);
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.text()).isEqualTo("hello /get-" + id);
                } else {
                    byte[] body = ("post " + id).getBytes(StandardCharsets.UTF_8);
                    Visitor.Response response = client.exchange("POST", host("app"), "/echo", body);
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo(body);
                }
            }
        }
        return count;
    }

    private static double streamsOpen(TunnelFixture fixture, TunnelConnector connector) {
        double edge = fixture.edge()
                .metrics()
                .registry()
                .get(EdgeMeter.ACTIVE_STREAMS.meterName())
                .gauge()
                .value();
        double connectorSide = fixture.meters(connector)
                .get(TunnelMeter.CONCURRENT_REQUESTS.meterName())
                .gauge()
                .value();
        int inFlight = fixture.edge().connections().connections().stream()
                .mapToInt(LiveConnection::inFlight)
                .sum();
        return edge + connectorSide + inFlight;
    }
}
