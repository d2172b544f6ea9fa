package io.tunnelagent.autoconfigure.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.autoconfigure.VisitorRequests;
import io.tunnelagent.autoconfigure.edge.EmbeddedEdge;
import io.tunnelagent.core.connector.TunnelConnector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application on a random port with the starter's auto-configuration and the embedded local edge: a
 * request through the tunnel reaches a handler, and on close the tunnel drains after readiness went down and before
 * the web server's graceful shutdown.
 */
class TunnelConnectorLifecycleTests {

    @Test
    void phaseStartsAfterTheWebServerAndStopsBeforeItsGracefulShutdown() {
        assertThat(TunnelConnectorLifecycle.PHASE)
                .isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE)
                .isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
    }

    @Test
    void requestThroughTheLocalEdgeReachesAWebFluxHandlerAndCloseDrainsBeforeTheWebServerStops() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApp.class)
                .web(WebApplicationType.REACTIVE)
                .properties(
                        "server.port=0",
                        "server.shutdown=graceful",
                        "cloudflare.tunnel.grace-period=5s",
                        "spring.main.banner-mode=off")
                .run();
        List<String> events;
        try {
            EmbeddedEdge edge = context.getBean(EmbeddedEdge.class);
            int visitorPort = edge.localEdge().visitorAddress().getPort();
            VisitorRequests.Response response = VisitorRequests.get(visitorPort, edge.hostname(), "/hello");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from webflux");
            assertThat(context.getBean(TunnelConnector.class).readiness().ready())
                    .isTrue();
            events = context.getBean(WebApp.class).events;
        } finally {
            context.close();
        }
        assertThat(events)
                .containsExactly(
                        "readiness REFUSING_TRAFFIC, tunnel ready=true",
                        "graceful shutdown phase reached, tunnel ready=false, edge routes to 0 connection(s)");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WebApp {

        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Bean
        RouterFunction<ServerResponse> hello() {
            return RouterFunctions.route()
                    .GET("/hello", (request) -> ServerResponse.ok().bodyValue("hello from webflux"))
                    .build();
        }

        @Bean
        ApplicationListener<AvailabilityChangeEvent<ReadinessState>> readinessRecorder(TunnelConnector connector) {
            return (event) -> {
                if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
                    this.events.add("readiness REFUSING_TRAFFIC, tunnel ready="
                            + connector.readiness().ready());
                }
            };
        }

        /** Stops in the phase right above Boot's graceful shutdown, i.e. just before it starts. */
        @Bean
        SmartLifecycle gracefulShutdownRecorder(TunnelConnector connector, EmbeddedEdge edge) {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    this.running = true;
                }

                @Override
                public void stop() {
                    long routable = edge
                            .localEdge()
                            .connections()
                            .connections(edge.tunnel().id())
                            .stream()
                            .filter((connection) -> !connection.isDraining())
                            .count();
                    WebApp.this.events.add("graceful shutdown phase reached, tunnel ready="
                            + connector.readiness().ready() + ", edge routes to " + routable + " connection(s)");
                    this.running = false;
                }

                @Override
                public boolean isRunning() {
                    return this.running;
                }

                @Override
                public int getPhase() {
                    return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
                }
            };
        }
    }
}
