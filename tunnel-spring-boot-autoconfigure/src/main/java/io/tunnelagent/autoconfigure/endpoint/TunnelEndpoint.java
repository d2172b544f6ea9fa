package io.tunnelagent.autoconfigure.endpoint;

import io.tunnelagent.autoconfigure.ingress.IngressUpdateRejectedEvent;
import io.tunnelagent.core.config.cli.CommandOutput;
import io.tunnelagent.core.config.cli.IngressCommands;
import io.tunnelagent.core.config.json.LocalConfiguration;
import io.tunnelagent.core.connector.TunnelConnector;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ApplicationListener;

/**
 * The {@code tunnel} actuator endpoint. {@code /actuator/tunnel} reports the connector (see {@link TunnelDescriptor});
 * {@code /actuator/tunnel/match?url=https://app.example.com/x} answers which ingress rule a URL matches, printed as
 * {@code cloudflared tunnel ingress rule} prints it. Never reports a credential: the token and the tunnel secret are
 * not part of anything it reads.
 */
@Endpoint(id = "tunnel")
public final class TunnelEndpoint implements ApplicationListener<IngressUpdateRejectedEvent> {

    /** The selector of the rule tester. */
    public static final String MATCH = "match";

    /** The media type of the rule tester's answer. */
    public static final String TEXT_PLAIN = "text/plain;charset=UTF-8";

    private final TunnelConnector connector;

    private volatile TunnelDescriptor.@Nullable RejectedIngressUpdate lastRejected;

    /**
     * Creates the endpoint.
     *
     * @param connector the connector to report on
     */
    public TunnelEndpoint(TunnelConnector connector) {
        this.connector = connector;
    }

    /**
     * Describes the connector.
     *
     * @return the description
     */
    @ReadOperation
    public TunnelDescriptor tunnel() {
        return new TunnelDescriptor(
                this.connector.connectorId(),
                TunnelDescriptor.ReadinessDescriptor.of(this.connector.readiness()),
                this.connector.connections().stream()
                        .map(TunnelDescriptor.ConnectionDescriptor::of)
                        .toList(),
                this.connector.configVersion(),
                ingress(this.connector.rules()),
                this.lastRejected);
    }

    /**
     * Tests which ingress rule matches a URL, as {@code cloudflared tunnel ingress rule <URL>} does.
     *
     * @param operation must be {@value #MATCH}
     * @param url the URL to test
     * @return cloudflared's output, or null (not found) for another selector
     * @throws InvalidEndpointRequestException with cloudflared's message when the URL is not valid
     */
    @ReadOperation(produces = TEXT_PLAIN)
    public @Nullable String match(@Selector String operation, String url) {
        if (!MATCH.equals(operation)) {
            return null;
        }
        CommandOutput output = test(url);
        String error = output.error();
        if (error != null) {
            throw new InvalidEndpointRequestException(error, error);
        }
        return output.text();
    }

    @Override
    public void onApplicationEvent(IngressUpdateRejectedEvent event) {
        this.lastRejected = TunnelDescriptor.RejectedIngressUpdate.of(event);
    }

    /**
     * Runs the rule tester against the rules in force.
     *
     * @param url the URL to test
     * @return cloudflared's output, with an error and exit status 1 when the URL is not valid
     */
    CommandOutput test(String url) {
        int version = this.connector.configVersion();
        String source = (version >= 0) ? "remote configuration version " + version : "the connector's ingress rules";
        return IngressCommands.rule(this.connector.rules(), source, url);
    }

    private static List<Object> ingress(IngressRules rules) {
        String json = LocalConfiguration.toJson(rules, WarpRoutingConfig.defaults(), Map.of());
        return TunnelDescriptor.ingressOf(JsonParserFactory.getJsonParser().parseMap(json));
    }
}
