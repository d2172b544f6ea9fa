package io.tunnelagent.samples.multirule;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/** Sends every text message back, prefixed with {@code echo: }. */
final class EchoWebSocketHandler implements WebSocketHandler {

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return session.send(
                session.receive().map((message) -> session.textMessage("echo: " + message.getPayloadAsText())));
    }
}
