package io.tunnelagent.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.proxy.ProxyListener;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal WebFlux application that defines its own connector against an in-process local edge, asked for its
 * health, Prometheus scrape and rule tester over HTTP.
 */
@SpringBootTest(
        classes = TunnelActuatorApplicationTests.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoints.web.exposure.include=health,prometheus,tunnel",
            "management.endpoint.health.show-details=always"
        })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TunnelActuatorApplicationTests {

    @TempDir
    static Path state;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TunnelConnector connector;

    @Autowired
    LocalTunnel tunnel;

    @Test
    @Order(1)
    void readinessShouldWaitForTheTunnelAndLivenessShouldNot() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        connected();
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void healthShouldShowTheTunnelComponentWithItsConnection() throws Exception {
        connected();
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode tunnel = JsonMapper.shared().readTree(health.body()).at("/components/tunnel");
        assertThat(tunnel.at("/status").asString()).isEqualTo("UP");
        assertThat(tunnel.at("/details/connections/0/location").asString()).isEqualTo("LOCAL");
        assertThat(tunnel.at("/details/connections/0/protocol").asString()).isEqualTo("http2");
    }

    @Test
    @Order(3)
    void prometheusShouldShowTheTunnelMeters() throws Exception {
        connected();
        assertThat(this.tunnel.visit("/x")).isEqualTo(LocalTunnel.APP_STATUS);
        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("cloudflared_tunnel_ha_connections 1.0")
                .contains("cloudflared_tunnel_server_locations{connection_id=\"0\",edge_location=\"LOCAL\"} 1.0")
                .contains("cloudflared_tunnel_response_by_code_total{status_code=\"418\"}")
                .contains("cloudflared_tunnel_tunnel_register_success_total{rpcName=\"registerConnection\"} 1.0");
    }

    @Test
    @Order(4)
    void ruleTesterShouldAnswerOverHttp() throws Exception {
        connected();
        HttpResponse<String> match = get(
                "/actuator/tunnel/match?url=" + URLEncoder.encode("https://app.localhost/x/y", StandardCharsets.UTF_8));
        assertThat(match.statusCode()).isEqualTo(200);
        assertThat(match.headers().firstValue("Content-Type"))
                .hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
        assertThat(match.body())
                .isEqualTo("Using rules from the connector's ingress rules\nMatched rule #0\n"
                        + "\thostname: app.localhost\n\tpath: ^/x\n\tservice: http_status:418\n");
        HttpResponse<String> bad = get("/actuator/tunnel/match?url=app.localhost");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("app.localhost doesn't have a hostname, consider adding a scheme\n");
        assertThat(get("/actuator/tunnel/match").statusCode()).isEqualTo(400);
        assertThat(get("/actuator/tunnel/other?url=https://app.localhost/").statusCode())
                .isEqualTo(404);
        HttpResponse<String> read = get("/actuator/tunnel");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("\"readiness\":{\"ready\":true,\"readyConnections\":1,\"draining\":false}")
                .contains("\"location\":\"LOCAL\"")
                .doesNotContain(this.tunnel.secretBase64());
    }

    private void connected() throws Exception {
        if (!this.connector.readiness().ready()) {
            this.connector.start().get(20, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        LocalTunnel localTunnel() {
            return LocalTunnel.start(state);
        }

        /** The starter adds every ConnectorListener bean to this connector itself, as to its own. */
        @Bean
        TunnelConnector tunnelConnector(LocalTunnel tunnel, ObjectProvider<ProxyListener> proxyListeners) {
            return tunnel.connector(List.of(), proxyListeners.getIfUnique(() -> ProxyListener.NONE));
        }
    }
}
