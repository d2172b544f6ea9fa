package io.tunnelagent.samples.multirule;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.autoconfigure.edge.EmbeddedEdge;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MultiRuleApplicationTests {

    @Autowired
    EmbeddedEdge edge;

    @LocalServerPort
    int port;

    private TunnelVisitor visitor;

    @BeforeEach
    void visitor() {
        this.visitor = new TunnelVisitor(this.edge);
    }

    @Test
    void getThroughTheEmbeddedEdgeReachesTheController() {
        TunnelVisitor.Response response = this.visitor.get("/hello", Map.of());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("Hello through the tunnel! (Cf-Ray ")
                .endsWith("-LOCAL)\n");
    }

    @Test
    void teapotPathIsAnsweredByItsOwnRuleWithoutReachingTheApplication() {
        assertThat(this.visitor.get("/teapot", Map.of()).status()).isEqualTo(418);
    }

    @Test
    void webSocketEchoWorksThroughTheTunnel() {
        assertThat(this.visitor.webSocket("/ws/echo", List.of("one", "two", "three")))
                .containsExactly("echo: one", "echo: two", "echo: three");
    }

    @Test
    void cloudflareHeadersAreLoggedWithoutTheAccessToken(CapturedOutput output) {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.not-a-real-token.signature";
        this.visitor.get(
                "/hello",
                Map.of(
                        CloudflareHeadersLogFilter.ACCESS_EMAIL,
                        "ada@example.com",
                        CloudflareHeadersLogFilter.ACCESS_JWT,
                        jwt));
        assertThat(output)
                .containsPattern("GET /hello via the tunnel: Cf-Ray=[0-9a-f]{16}-LOCAL Cf-Connecting-Ip=127\\.0\\.0\\.1"
                        + " Access user=ada@example.com Access JWT present")
                .doesNotContain(jwt);
    }

    @Test
    void healthShowsTheTunnelComponentUp() {
        JsonNode tunnel = JsonMapper.shared().readTree(actuator("/health")).at("/components/tunnel");
        assertThat(tunnel.at("/status").asString()).isEqualTo("UP");
        assertThat(tunnel.at("/details/connections/0/location").asString()).isEqualTo("LOCAL");
    }

    @Test
    void prometheusShowsTheTunnelMeters() {
        this.visitor.get("/hello", Map.of());
        assertThat(actuator("/prometheus"))
                .contains("cloudflared_tunnel_ha_connections 1.0")
                .contains("cloudflared_tunnel_total_requests_total")
                .contains("cloudflared_tunnel_response_by_code_total{status_code=\"200\"}");
    }

    @Test
    void ruleTesterAnswersWithTheMatchingRule() {
        String url = URLEncoder.encode("https://" + this.edge.hostname() + "/ws/echo", StandardCharsets.UTF_8);
        assertThat(actuator("/tunnel/match?url=" + url))
                .isEqualTo("Using rules from the connector's ingress rules\nMatched rule #1\n\tpath: ^/ws\n"
                        + "\tservice: http://localhost:" + this.port + "\n");
    }

    private String actuator(String path) {
        return WebClient.create()
                .get()
                .uri(URI.create("http://127.0.0.1:" + this.port + "/actuator" + path))
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
    }
}
