package io.tunnelagent.autoconfigure.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.autoconfigure.PropertiesTunnelConnectionDetails;
import io.tunnelagent.autoconfigure.TestTunnels;
import io.tunnelagent.autoconfigure.TunnelConnectionDetails;
import io.tunnelagent.autoconfigure.edge.EmbeddedEdgeAutoConfiguration;
import io.tunnelagent.autoconfigure.ingress.IngressRefreshAutoConfiguration;
import io.tunnelagent.autoconfigure.ingress.TunnelIngressAutoConfiguration;
import io.tunnelagent.autoconfigure.lifecycle.TunnelConnectorLifecycle;
import io.tunnelagent.autoconfigure.lifecycle.TunnelLifecycleAutoConfiguration;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.proxy.ProxyListener;
import io.tunnelagent.core.proxy.StreamProxy;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.transport.TransportProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TunnelConnectorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EmbeddedEdgeAutoConfiguration.class,
                    TunnelIngressAutoConfiguration.class,
                    TunnelConnectorAutoConfiguration.class,
                    TunnelLifecycleAutoConfiguration.class,
                    IngressRefreshAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(LocalEdge.class))
            .withPropertyValues("cloudflare.tunnel.auto-startup=false");

    @TempDir
    Path temp;

    @Test
    void disabledTunnelCreatesNoBeans() {
        this.runner
                .withPropertyValues("cloudflare.tunnel.enabled=false", "cloudflare.tunnel.token=" + TestTunnels.token())
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(TunnelConnector.class)
                        .doesNotHaveBean(TunnelConnectionDetails.class)
                        .doesNotHaveBean(StreamProxy.class)
                        .doesNotHaveBean(TunnelConnectorLifecycle.class));
    }

    @Test
    void tokenGivesPropertiesConnectionDetailsWithTheTokensTunnel() {
        this.runner
                .withPropertyValues("cloudflare.tunnel.token=" + TestTunnels.token())
                .run((context) -> {
                    assertThat(context)
                            .hasSingleBean(TunnelConnector.class)
                            .hasSingleBean(TunnelConnectorLifecycle.class);
                    TunnelConnectionDetails details = context.getBean(TunnelConnectionDetails.class);
                    assertThat(details).isInstanceOf(PropertiesTunnelConnectionDetails.class);
                    assertThat(details.getTunnelId()).isEqualTo(TestTunnels.TUNNEL_ID);
                    assertThat(details.getCredentials().accountTag()).isEqualTo("0123456789abcdef0123456789abcdef");
                });
    }

    @Test
    void credentialsFileGivesTheFilesCredentialsAndIdOverridesItsTunnelId() throws Exception {
        Path file = Files.writeString(this.temp.resolve("creds.json"), TestTunnels.credentialsJson());
        UUID other = UUID.randomUUID();
        this.runner
                .withPropertyValues("cloudflare.tunnel.credentials-file=" + file, "cloudflare.tunnel.id=" + other)
                .run((context) -> {
                    assertThat(context).hasSingleBean(TunnelConnector.class);
                    TunnelConnectionDetails details = context.getBean(TunnelConnectionDetails.class);
                    TunnelCredentials credentials = details.getCredentials();
                    assertThat(credentials.tunnelId()).isEqualTo(TestTunnels.TUNNEL_ID);
                    assertThat(details.getTunnelId()).isEqualTo(other);
                });
    }

    @Test
    void autoProtocolDialsQuicAndHttp2AndHttp2OnlyHttp2() {
        this.runner
                .withPropertyValues("cloudflare.tunnel.token=" + TestTunnels.token())
                .run((context) -> assertThat(protocols(context.getBean(TunnelEdgeDialers.class)))
                        .containsExactly(TransportProtocol.QUIC, TransportProtocol.HTTP2));
        this.runner
                .withPropertyValues(
                        "cloudflare.tunnel.token=" + TestTunnels.token(), "cloudflare.tunnel.protocol=http2")
                .run((context) -> assertThat(protocols(context.getBean(TunnelEdgeDialers.class)))
                        .containsExactly(TransportProtocol.HTTP2));
    }

    @Test
    void staticEdgeAddressesAreParsed() {
        this.runner
                .withPropertyValues(
                        "cloudflare.tunnel.token=" + TestTunnels.token(),
                        "cloudflare.tunnel.edge=127.0.0.1:7844,[::1]:7845")
                .run((context) -> assertThat(
                                context.getBean(TunnelConnectionDetails.class).getEdgeAddresses())
                        .extracting((address) -> address.getPort())
                        .containsExactly(7844, 7845));
    }

    @Test
    void userBeansMakeTheDefaultsBackOff() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TunnelConnectionDetails.class)).isSameAs(UserBeans.DETAILS);
            assertThat(context).hasSingleBean(TunnelConnector.class);
            assertThat(context.getBean(TunnelEventLoopGroup.class)).isSameAs(context.getBean("userLoops"));
        });
    }

    @Test
    void customizersAreAppliedAndListenerBeansAreAdded() {
        this.runner
                .withPropertyValues("cloudflare.tunnel.token=" + TestTunnels.token())
                .withUserConfiguration(Customizers.class)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    Customizers customizers = context.getBean(Customizers.class);
                    assertThat(customizers.connectorCustomized).hasValue(1);
                    assertThat(customizers.proxyCustomized).hasValue(1);
                });
    }

    private static List<TransportProtocol> protocols(TunnelEdgeDialers dialers) {
        return dialers.dialers().stream().map((dialer) -> dialer.protocol()).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final TunnelConnectionDetails DETAILS = new TunnelConnectionDetails() {
            @Override
            public TunnelCredentials getCredentials() {
                return TunnelCredentials.fromJson(TestTunnels.credentialsJson());
            }

            @Override
            public @Nullable UUID getTunnelId() {
                return null;
            }
        };

        @Bean
        TunnelConnectionDetails userDetails() {
            return DETAILS;
        }

        @Bean
        TunnelEventLoopGroup userLoops() {
            return new TunnelEventLoopGroup();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        final AtomicInteger connectorCustomized = new AtomicInteger();

        final AtomicInteger proxyCustomized = new AtomicInteger();

        @Bean
        TunnelConnectorCustomizer countingConnectorCustomizer() {
            return (builder) -> this.connectorCustomized.incrementAndGet();
        }

        @Bean
        StreamProxyCustomizer countingProxyCustomizer() {
            return (builder) -> this.proxyCustomized.incrementAndGet();
        }

        @Bean
        ConnectorListener someConnectorListener() {
            return new ConnectorListener() {};
        }

        @Bean
        ProxyListener someProxyListener() {
            return new ProxyListener() {};
        }
    }
}
