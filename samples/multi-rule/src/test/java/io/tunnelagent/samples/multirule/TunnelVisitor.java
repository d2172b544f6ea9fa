package io.tunnelagent.samples.multirule;

import io.tunnelagent.autoconfigure.edge.EmbeddedEdge;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;

/**
 * A visitor of the embedded edge: requests to its visitor port on 127.0.0.1 with the quick tunnel's hostname as
 * {@code Host}, which is how the edge picks the tunnel.
 */
final class TunnelVisitor {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EmbeddedEdge edge;

    private final WebClient client;

    TunnelVisitor(EmbeddedEdge edge) {
        this.edge = edge;
        this.client = WebClient.create(base("http"));
    }

    /**
     * Sends a GET through the tunnel and reads the whole response.
     *
     * @param path the path
     * @param headers more request headers
     * @return the status and body
     */
    Response get(String path, Map<String, String> headers) {
        return Objects.requireNonNull(this.client
                .get()
                .uri(path)
                .header(HttpHeaders.HOST, this.edge.hostname())
                .headers((request) -> headers.forEach(request::set))
                .exchangeToMono((response) -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map((body) -> new Response(response.statusCode().value(), body)))
                .block(TIMEOUT));
    }

    /**
     * Opens a WebSocket through the tunnel, sends the messages and collects as many answers.
     *
     * @param path the WebSocket's path
     * @param messages the text messages to send
     * @return the answers in order
     */
    List<String> webSocket(String path, List<String> messages) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.HOST, this.edge.hostname());
        List<String> answers = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient()
                .execute(
                        URI.create(base("ws") + path),
                        headers,
                        (session) -> session.send(Flux.fromIterable(messages).map(session::textMessage))
                                .and(session.receive()
                                        .map(WebSocketMessage::getPayloadAsText)
                                        .take(messages.size())
                                        .doOnNext(answers::add)))
                .block(TIMEOUT);
        return answers;
    }

    private String base(String scheme) {
        return scheme + "://127.0.0.1:" + this.edge.localEdge().visitorAddress().getPort();
    }

    /**
     * A response.
     *
     * @param status the status code
     * @param body the body as text
     */
    record Response(int status, String body) {}
}
