package io.tunnelagent.samples.multirule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelagent.autoconfigure.edge.EmbeddedEdge;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A steady stream of visitors through the tunnel while an {@link EnvironmentChangeEvent} swaps the ingress rules:
 * the new rule routes every request that starts after the refresh, and no request of the stream fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IngressRefreshUnderLoadTests {

    private static final int VISITORS = 4;

    private static final int REQUESTS_PER_PHASE = 60;

    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    EmbeddedEdge edge;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void refreshRoutesNewRequestsByTheNewRuleWhileNoRequestOfAConcurrentStreamFails() throws Exception {
        TunnelVisitor visitor = new TunnelVisitor(this.edge);
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService visitors = Executors.newFixedThreadPool(VISITORS);
        try {
            for (int i = 0; i < VISITORS; i++) {
                visitors.execute(() -> {
                    while (running.get()) {
                        outcomes.add(visit(visitor));
                    }
                });
            }
            await().atMost(PHASE_TIMEOUT).until(() -> outcomes.size() >= REQUESTS_PER_PHASE);
            long refreshStarted = System.nanoTime();
            refreshHelloToTeapot();
            long refreshed = System.nanoTime();
            await().atMost(PHASE_TIMEOUT)
                    .until(() -> outcomes.stream()
                                    .filter((outcome) -> outcome.started() > refreshed)
                                    .count()
                            >= REQUESTS_PER_PHASE);
            running.set(false);
            visitors.shutdown();
            assertThat(visitors.awaitTermination(15, TimeUnit.SECONDS)).isTrue();

            assertThat(outcomes).extracting(Outcome::status).containsOnly(200, 418);
            assertThat(outcomes)
                    .filteredOn((outcome) -> outcome.finished() < refreshStarted)
                    .hasSizeGreaterThanOrEqualTo(REQUESTS_PER_PHASE)
                    .extracting(Outcome::status)
                    .containsOnly(200);
            assertThat(outcomes)
                    .filteredOn((outcome) -> outcome.started() > refreshed)
                    .hasSizeGreaterThanOrEqualTo(REQUESTS_PER_PHASE)
                    .extracting(Outcome::status)
                    .containsOnly(418);
            assertThat(visitor.webSocket("/ws/echo", List.of("still here"))).containsExactly("echo: still here");
        } finally {
            running.set(false);
            visitors.shutdownNow();
        }
    }

    /** The whole list, as a refresh must supply it (Spring binds a list from one property source). */
    private void refreshHelloToTeapot() {
        Map<String, Object> ingress = new LinkedHashMap<>();
        ingress.put("cloudflare.tunnel.ingress[0].path", "^/teapot");
        ingress.put("cloudflare.tunnel.ingress[0].service", "http_status:418");
        ingress.put("cloudflare.tunnel.ingress[1].path", "^/hello");
        ingress.put("cloudflare.tunnel.ingress[1].service", "http_status:418");
        ingress.put("cloudflare.tunnel.ingress[2].path", "^/ws");
        ingress.put("cloudflare.tunnel.ingress[2].service", "http://localhost:${local.server.port}");
        ingress.put("cloudflare.tunnel.ingress[3].service", "http://localhost:${local.server.port}");
        this.context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("refreshed", ingress));
        this.context.publishEvent(new EnvironmentChangeEvent(this.context, ingress.keySet()));
    }

    private static Outcome visit(TunnelVisitor visitor) {
        long started = System.nanoTime();
        int status;
        try {
            status = visitor.get("/hello", Map.of()).status();
        } catch (RuntimeException ex) {
            status = -1;
        }
        return new Outcome(started, System.nanoTime(), status);
    }

    /**
     * One request of the stream.
     *
     * @param started when it was sent ({@link System#nanoTime()})
     * @param finished when its response was read
     * @param status its status, -1 when it failed without one
     */
    private record Outcome(long started, long finished, int status) {}
}
