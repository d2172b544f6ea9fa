package io.tunnelagent.samples.multirule;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/** Maps the WebSocket echo to {@code /ws/echo}, the path the {@code ^/ws} ingress rule sends here. */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    @Bean
    HandlerMapping echoHandlerMapping() {
        return new SimpleUrlHandlerMapping(Map.of("/ws/echo", new EchoWebSocketHandler()), -1);
    }
}
