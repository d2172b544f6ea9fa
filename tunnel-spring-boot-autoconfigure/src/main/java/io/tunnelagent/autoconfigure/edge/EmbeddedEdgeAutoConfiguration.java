package io.tunnelagent.autoconfigure.edge;

import io.tunnelagent.autoconfigure.TunnelConnectionDetails;
import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.autoconfigure.connector.TunnelConnectorAutoConfiguration;
import io.tunnelagent.autoconfigure.connector.TunnelConnectorCustomizer;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.edge.LocalEdge;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the development edge: with {@code tunnel-edge} on the classpath and no token or credentials
 * file, a {@link LocalEdge} starts in-process on loopback, a quick tunnel is created and its connection details
 * replace the properties-backed ones (the way Spring Boot's Docker Compose support contributes connection details).
 * The URL that reaches the application is logged once the tunnel is up.
 */
@AutoConfiguration(before = TunnelConnectorAutoConfiguration.class)
@ConditionalOnClass(LocalEdge.class)
@ConditionalOnBooleanProperty(name = "cloudflare.tunnel.enabled", matchIfMissing = true)
@Conditional(NoTunnelCredentialsCondition.class)
@ConditionalOnMissingBean({TunnelConnectionDetails.class, TunnelConnector.class})
@EnableConfigurationProperties(TunnelProperties.class)
public final class EmbeddedEdgeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EmbeddedEdge embeddedTunnelEdge(TunnelProperties properties) {
        return EmbeddedEdge.start(properties.getLocalEdge());
    }

    @Bean
    LocalEdgeConnectionDetails localEdgeTunnelConnectionDetails(EmbeddedEdge edge) {
        return new LocalEdgeConnectionDetails(edge);
    }

    @Bean
    TunnelConnectorCustomizer localEdgeTunnelConnectorCustomizer(EmbeddedEdge edge) {
        return (builder) -> {
            builder.haConnections(1);
            if (!edge.localEdge().quicEnabled()) {
                builder.protocol(ProtocolMode.HTTP2);
            }
        };
    }

    @Bean
    TunnelReadyLogger localEdgeTunnelReadyLogger(EmbeddedEdge edge) {
        return new TunnelReadyLogger(edge);
    }
}
