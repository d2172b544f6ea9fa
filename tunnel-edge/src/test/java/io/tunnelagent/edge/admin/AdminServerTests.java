package io.tunnelagent.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.edge.TestEdges;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.protocol.credentials.TunnelToken;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API: bearer token, tunnels, routes, quick tunnels, metrics, and no secret where it does not belong. */
class AdminServerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path state;

    private LocalEdge edge;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startEdge() {
        edge = TestEdges.ephemeral(state).start();
    }

    @AfterEach
    void stopEdge() {
        edge.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + edge.adminAddress().getPort() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = request(path)
                .header("Authorization", "Bearer " + edge.adminToken().value())
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsWithoutTheTokenAreRefused() throws Exception {
        HttpResponse<String> none = http.send(request("/api/tunnels").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(
                request("/api/tunnels").header("Authorization", "Bearer nope").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("Authorization: Bearer");
        assertThat(edge.tunnels().tunnels()).isEmpty();
    }

    @Test
    void createdTunnelComesWithCredentialsAndTokenButListsWithoutSecret() throws Exception {
        HttpResponse<String> created =
                call("POST", "/api/tunnels", "{\"name\":\"app\",\"hostname\":\"app.localhost\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        TunnelCredentials credentials =
                TunnelCredentials.fromJson(body.path("credentials").toString());
        TunnelToken token = TunnelToken.decode(body.path("token").asString());
        assertThat(credentials.tunnelId()).isEqualTo(token.tunnelId());
        assertThat(credentials.secret())
                .isEqualTo(edge.tunnels().tunnels().get(0).secret());
        assertThat(body.path("hostname").asString()).isEqualTo("app.localhost");
        String secret = credentials.secret().toBase64();

        HttpResponse<String> list = call("GET", "/api/tunnels", "");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"app\"", "app.localhost").doesNotContain(secret);
        assertThat(call("GET", "/api/connections", "").body()).isEqualTo("[]");
    }

    @Test
    void rotatingTheSecretHandsOutNewCredentials() throws Exception {
        JsonNode created =
                JSON.readTree(call("POST", "/api/tunnels", "{\"name\":\"app\"}").body());
        JsonNode rotated =
                JSON.readTree(call("POST", "/api/tunnels/app/rotate-secret", "").body());
        assertThat(rotated.path("credentials").path("TunnelSecret").asString())
                .isNotEqualTo(created.path("credentials").path("TunnelSecret").asString());
        assertThat(call("GET", "/api/tunnels", "").body())
                .doesNotContain(rotated.path("credentials").path("TunnelSecret").asString());
    }

    @Test
    void routesCanBeAddedListedAndRemovedAndDeletingATunnelRemovesItsRoutes() throws Exception {
        call("POST", "/api/tunnels", "{\"name\":\"app\"}");
        assertThat(call("POST", "/api/routes", "{\"hostname\":\"*.apps.localhost\",\"tunnel\":\"app\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(call("POST", "/api/routes", "{\"hostname\":\"x.localhost\",\"tunnel\":\"app\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(call("POST", "/api/routes", "{\"hostname\":\"bad host\",\"tunnel\":\"app\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(call("GET", "/api/routes", "").body()).contains("*.apps.localhost", "x.localhost");
        assertThat(edge.tunnels().route("a.apps.localhost")).isPresent();
        assertThat(call("DELETE", "/api/routes/x.localhost", "").statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/tunnels/app", "").statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/routes", "").body()).isEqualTo("[]");
        assertThat(call("DELETE", "/api/tunnels/app", "").statusCode()).isEqualTo(404);
    }

    @Test
    void quickTunnelReturnsARandomHostnameAndCredentials() throws Exception {
        HttpResponse<String> quick = call("POST", "/api/quick-tunnel", "");
        JsonNode body = JSON.readTree(quick.body());
        assertThat(quick.statusCode()).isEqualTo(201);
        assertThat(body.path("hostname").asString()).matches("quick-[0-9a-f]{12}\\.localhost");
        assertThat(TunnelToken.decode(body.path("token").asString()).accountTag())
                .isEqualTo(edge.tunnels().accountTag());
    }

    @Test
    void trycloudflareCompatibleEndpointAnswersWithoutTokenOnLoopbackLikeTheQuickTunnelService() throws Exception {
        HttpResponse<String> quick = http.send(
                request("/tunnel").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(quick.body());
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("result").path("hostname").asString()).endsWith(".localhost");
        assertThat(body.path("result").path("account_tag").asString())
                .isEqualTo(edge.tunnels().accountTag());
        assertThat(body.path("result").path("secret").asString()).isNotEmpty();
        assertThat(body.path("errors").isArray()).isTrue();
    }

    @Test
    void quickTunnelEndpointIsOpenOnlyOnALoopbackAddress() throws Exception {
        assertThat(AdminServer.quickTunnelsOpenOn(InetAddress.getByName("127.0.0.1")))
                .isTrue();
        assertThat(AdminServer.quickTunnelsOpenOn(InetAddress.getByName("::1"))).isTrue();
        assertThat(AdminServer.quickTunnelsOpenOn(InetAddress.getByName("0.0.0.0")))
                .isFalse();
        assertThat(AdminServer.quickTunnelsOpenOn(InetAddress.getByName("::"))).isFalse();
        assertThat(AdminServer.quickTunnelsOpenOn(InetAddress.getByName("192.0.2.10")))
                .isFalse();
    }

    @Test
    void quickTunnelEndpointNeedsTheTokenWhenNotOpen() throws Exception {
        try (AdminServer closed = AdminServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                edge.adminToken(),
                edge.tunnels(),
                edge.connections(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                false)) {
            URI quick = URI.create("http://127.0.0.1:" + closed.localAddress().getPort() + "/tunnel");
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(quick)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(edge.tunnels().tunnels()).isEmpty();
            HttpResponse<String> allowed = http.send(
                    HttpRequest.newBuilder(quick)
                            .header(
                                    "Authorization",
                                    "Bearer " + edge.adminToken().value())
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(allowed.body()).path("success").asBoolean())
                    .isTrue();
        }
    }

    @Test
    void prometheusEndpointShowsTheEdgeMeters() throws Exception {
        HttpResponse<String> metrics = http.send(request("/metrics").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("tunnel_edge_connections", "tunnel_edge_active_streams", "tunnel_edge_bytes");
    }

    @Test
    void commandLineVerbsDriveTheApi() throws Exception {
        AdminClient client = new AdminClient(
                URI.create("http://127.0.0.1:" + edge.adminAddress().getPort()), edge.adminToken());
        AdminClient.Response created = AdminCommands.run(client, List.of("tunnel", "create", "app", "app.localhost"));
        assertThat(created.ok()).isTrue();
        assertThat(created.body()).contains("TunnelSecret", "token");
        assertThat(AdminCommands.run(client, List.of("route", "list")).body()).contains("app.localhost");
        assertThat(AdminCommands.run(client, List.of("tunnel", "rotate", "app")).ok())
                .isTrue();
        assertThat(AdminCommands.run(client, List.of("connections")).body()).isEqualTo("[]");
        assertThat(AdminCommands.run(client, List.of("tunnel", "delete", "app")).status())
                .isEqualTo(204);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> AdminCommands.run(client, List.of("tunnel", "frobnicate")))
                .withMessageContaining("Unknown command");
    }
}
