package io.tunnelagent.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.autoconfigure.edge.EmbeddedEdge;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HelloTunnelApplicationTests {

    @Autowired
    EmbeddedEdge edge;

    @Test
    void requestToTheLocalEdgesVisitorPortWithTheTunnelsHostnameReachesTheController() {
        String body = WebClient.create("http://127.0.0.1:"
                        + this.edge.localEdge().visitorAddress().getPort())
                .get()
                .uri("/")
                .header("Host", this.edge.hostname())
                .retrieve()
                .bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
        assertThat(body).startsWith("Hello through the tunnel! (Cf-Ray ").endsWith("-LOCAL)\n");
    }
}
