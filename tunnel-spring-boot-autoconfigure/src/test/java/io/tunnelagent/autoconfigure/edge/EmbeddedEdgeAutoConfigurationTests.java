package io.tunnelagent.autoconfigure.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tunnelagent.autoconfigure.PropertiesTunnelConnectionDetails;
import io.tunnelagent.autoconfigure.TestTunnels;
import io.tunnelagent.autoconfigure.TunnelConnectionDetails;
import io.tunnelagent.autoconfigure.VisitorRequests;
import io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration;
import io.tunnelagent.autoconfigure.ingress.TunnelIngressAutoConfiguration;
import io.tunnelagent.autoconfigure.lifecycle.TunnelLifecycleAutoConfiguration;
import io.tunnelagent.core.connector.TunnelConnector;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmbeddedEdgeAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EmbeddedEdgeAutoConfiguration.class,
                    TunnelIngressAutoConfiguration.class,
                    TunnelConnectorAutoConfiguration.class,
                    TunnelLifecycleAutoConfiguration.class));

    private HttpServer origin;

    @BeforeEach
    void startOrigin() throws Exception {
        this.origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.origin.createContext("/", (exchange) -> {
            byte[] body = ("origin saw " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.origin.start();
    }

    @AfterEach
    void stopOrigin() {
        this.origin.stop(0);
    }

    @Test
    void withoutCredentialsTheLocalEdgeContributesTheConnectionDetailsOfAQuickTunnel() {
        this.runner.withPropertyValues("cloudflare.tunnel.auto-startup=false").run((context) -> {
            assertThat(context).hasSingleBean(EmbeddedEdge.class);
            EmbeddedEdge edge = context.getBean(EmbeddedEdge.class);
            TunnelConnectionDetails details = context.getBean(TunnelConnectionDetails.class);
            assertThat(details).isInstanceOf(LocalEdgeConnectionDetails.class);
            assertThat(details.getTunnelId()).isEqualTo(edge.tunnel().id());
            assertThat(details.getEdgeAddresses())
                    .containsExactly(edge.localEdge().edgeAddress());
            assertThat(edge.hostname()).startsWith("quick-").endsWith(".localhost");
            assertThat(edge.localEdge().visitorAddress().getAddress().isLoopbackAddress())
                    .isTrue();
        });
    }

    @Test
    void aTokenKeepsTheLocalEdgeAway() {
        this.runner
                .withPropertyValues(
                        "cloudflare.tunnel.auto-startup=false", "cloudflare.tunnel.token=" + TestTunnels.token())
                .run((context) -> {
                    assertThat(context).doesNotHaveBean(EmbeddedEdge.class);
                    assertThat(context.getBean(TunnelConnectionDetails.class))
                            .isInstanceOf(PropertiesTunnelConnectionDetails.class);
                });
    }

    @Test
    void disabledLocalEdgeLeavesMissingCredentialsToFail() {
        this.runner
                .withPropertyValues(
                        "cloudflare.tunnel.auto-startup=false", "cloudflare.tunnel.local-edge.enabled=false")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("No tunnel credentials");
                });
    }

    @Test
    void withExplicitIngressAndNoWebServerRequestsThroughTheLocalEdgeReachTheOrigin() {
        this.runner
                .withPropertyValues("cloudflare.tunnel.ingress[0].service=http://127.0.0.1:"
                        + this.origin.getAddress().getPort())
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(TunnelConnector.class)
                                    .readiness()
                                    .ready())
                            .isTrue();
                    EmbeddedEdge edge = context.getBean(EmbeddedEdge.class);
                    VisitorRequests.Response response = VisitorRequests.get(
                            edge.localEdge().visitorAddress().getPort(), edge.hostname(), "/hello");
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("origin saw /hello");
                });
    }
}
