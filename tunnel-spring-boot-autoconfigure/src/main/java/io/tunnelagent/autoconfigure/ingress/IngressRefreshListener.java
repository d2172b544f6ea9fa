package io.tunnelagent.autoconfigure.ingress;

import io.tunnelagent.autoconfigure.TunnelConfigurationException;
import io.tunnelagent.autoconfigure.TunnelProperties;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.ingress.IngressValidationException;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Rebuilds the ingress table when a refresh changes {@code cloudflare.tunnel.ingress*} or
 * {@code cloudflare.tunnel.origin-request*}: the properties are bound again, compiled and swapped into the running
 * connector (in-flight requests finish on the old table). An invalid change keeps the old table, is logged at WARN
 * with cloudflared's text and published as an {@link IngressUpdateRejectedEvent}.
 */
final class IngressRefreshListener implements ApplicationListener<EnvironmentChangeEvent> {

    private static final Logger logger = LoggerFactory.getLogger(IngressRefreshListener.class);

    private static final String PREFIX = "cloudflare.tunnel";

    private static final Set<String> WATCHED = Set.of(PREFIX + ".ingress", PREFIX + ".origin-request");

    private final TunnelConnector connector;

    private final ConfigurableEnvironment environment;

    private final ApplicationEventPublisher publisher;

    private final Clock clock;

    IngressRefreshListener(
            TunnelConnector connector,
            ConfigurableEnvironment environment,
            ApplicationEventPublisher publisher,
            Clock clock) {
        this.connector = connector;
        this.environment = environment;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (event.getKeys().stream().anyMatch(IngressRefreshListener::watched)) {
            refresh();
        }
    }

    private static boolean watched(String key) {
        return WATCHED.stream().anyMatch((prefix) -> key.startsWith(prefix));
    }

    private void refresh() {
        String reason;
        try {
            TunnelProperties properties =
                    Binder.get(this.environment).bindOrCreate(PREFIX, Bindable.of(TunnelProperties.class));
            TunnelIngress ingress = TunnelIngress.of(properties);
            this.connector.updateIngress(ingress.definitions(this.environment), ingress.originRequest());
            logger.info("Ingress rules updated from the refreshed environment");
            return;
        } catch (IngressValidationException | TunnelConfigurationException ex) {
            reason = ex.getMessage();
        } catch (BindException ex) {
            reason = (ex.getCause() != null)
                    ? ex.getMessage() + ": " + ex.getCause().getMessage()
                    : ex.getMessage();
        }
        logger.warn("Refreshed ingress rules rejected, the rules in force stay: {}", reason);
        this.publisher.publishEvent(new IngressUpdateRejectedEvent(this, reason, this.clock.instant()));
    }
}
