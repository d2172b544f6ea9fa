package io.tunnelagent.autoconfigure.connector;

import io.tunnelagent.autoconfigure.PropertiesTunnelConnectionDetails;
import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.autoconfigure.TunnelConnectionDetails;
import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.autoconfigure.ingress.TunnelIngress;
import io.tunnelagent.autoconfigure.ingress.TunnelIngressAutoConfiguration;
import io.tunnelagent.core.connector.ConnectorBuilder;
import io.tunnelagent.core.connector.ConnectorException;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.proxy.ProxyListener;
import io.tunnelagent.core.proxy.StreamProxy;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link TunnelConnector}: connection details from {@code cloudflare.tunnel.*} (unless
 * another source, such as the embedded local edge, contributes them), shared event loops, one edge dialer per
 * transport of {@code protocol}, the origin {@link StreamProxy} and the connector. Every {@link ConnectorListener}
 * bean is added to the connector and every {@link ProxyListener} bean to the proxy.
 */
@AutoConfiguration(
        after = TunnelIngressAutoConfiguration.class,
        afterName = "io.tunnelagent.autoconfigure.edge.EmbeddedEdgeAutoConfiguration")
@ConditionalOnBooleanProperty(name = "cloudflare.tunnel.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TunnelProperties.class)
public final class TunnelConnectorAutoConfiguration {

    private final UUID connectorId = UUID.randomUUID();

    @Bean
    @ConditionalOnMissingBean(TunnelConnectionDetails.class)
    PropertiesTunnelConnectionDetails tunnelConnectionDetails(TunnelProperties properties) {
        return new PropertiesTunnelConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    TunnelEventLoopGroup tunnelEventLoopGroup() {
        return new TunnelEventLoopGroup();
    }

    @Bean
    @ConditionalOnMissingBean
    TunnelEdgeDialers tunnelEdgeDialers(
            TunnelProperties properties, TunnelConnectionDetails details, TunnelEventLoopGroup eventLoops) {
        return new TunnelEdgeDialers(
                properties.getProtocol(), properties.getQuic(), details.getEdgeTrust(), eventLoops.group());
    }

    @Bean
    @ConditionalOnMissingBean
    StreamProxy tunnelStreamProxy(
            TunnelEventLoopGroup eventLoops,
            ObjectProvider<ProxyListener> listeners,
            ObjectProvider<StreamProxyCustomizer> customizers) {
        StreamProxy.Builder builder = StreamProxy.builder()
                .eventLoopGroup(eventLoops.group())
                .connectorId(this.connectorId)
                .listener(new CompositeProxyListener(listeners));
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    TunnelConnector tunnelConnector(
            TunnelProperties properties,
            TunnelConnectionDetails details,
            TunnelIngress ingress,
            StreamProxy proxy,
            TunnelEdgeDialers dialers,
            ObjectProvider<TunnelConnectorCustomizer> customizers) {
        ConnectorBuilder builder = TunnelConnector.builder().connectorId(this.connectorId);
        applyProperties(builder, properties);
        builder.credentials(details.getCredentials());
        UUID tunnelId = details.getTunnelId();
        if (tunnelId != null) {
            builder.tunnelId(tunnelId);
        }
        builder.edgeAddresses(details.getEdgeAddresses());
        String region = details.getRegion();
        if (region != null) {
            builder.region(region);
        }
        IngressRules rules = ingress.configuredRules();
        if (rules != null) {
            builder.rules(rules);
        }
        dialers.dialers().forEach(builder::dialer);
        builder.dataStreamHandler(proxy::proxy);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        try {
            return builder.build();
        } catch (ConnectorException ex) {
            throw new TunnelConfigurationException(
                    "The tunnel connector cannot be built: " + ex.getMessage(),
                    "Check the cloudflare.tunnel properties and any TunnelConnectorCustomizer bean.",
                    ex);
        }
    }

    @Bean
    static SmartInitializingSingleton tunnelConnectorListeners(
            ObjectProvider<TunnelConnector> connector, ObjectProvider<ConnectorListener> listeners) {
        return () -> {
            TunnelConnector target = connector.getIfUnique();
            if (target != null) {
                listeners.orderedStream().forEach(target::addListener);
            }
        };
    }

    private static void applyProperties(ConnectorBuilder builder, TunnelProperties properties) {
        apply("ha-connections", () -> builder.haConnections(properties.getHaConnections()));
        apply("retries", () -> builder.retries(properties.getRetries()));
        apply("grace-period", () -> builder.gracePeriod(properties.getGracePeriod()));
        builder.protocol(properties.getProtocol());
        builder.rpcTimeout(properties.getRpcTimeout());
    }

    private static void apply(String key, Runnable setting) {
        try {
            setting.run();
        } catch (ConnectorException ex) {
            throw new TunnelConfigurationException(
                    "cloudflare.tunnel." + key + " is invalid: " + ex.getMessage(),
                    "Set cloudflare.tunnel." + key + " within the range given above.",
                    ex);
        }
    }
}
