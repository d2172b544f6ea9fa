package io.tunnelagent.autoconfigure;

import java.time.Duration;
import org.springframework.web.reactive.function.client.WebClient;

/** GETs to an edge's visitor port on 127.0.0.1 with a chosen Host header (how the edge picks the tunnel). */
public final class VisitorRequests {

    private VisitorRequests() {}

    /**
     * Sends a GET and reads the whole response, within 10 seconds.
     *
     * @param port the visitor port on 127.0.0.1
     * @param host the Host header
     * @param path the path
     * @return the status and body
     */
    public static Response get(int port, String host, String path) {
        return WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri(path)
                .header("Host", host)
                .exchangeToMono((response) -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map((body) -> new Response(response.statusCode().value(), body)))
                .block(Duration.ofSeconds(10));
    }

    /**
     * A response.
     *
     * @param status the status code
     * @param body the body as text
     */
    public record Response(int status, String body) {}
}
