package io.tunnelagent.autoconfigure.endpoint;

import io.tunnelagent.core.config.cli.CommandOutput;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@link TunnelEndpoint}'s rule tester over HTTP: {@code GET /actuator/tunnel/match?url=…} answers 200 with
 * cloudflared's {@code ingress rule} output, or 400 with cloudflared's message (e.g. {@code "x doesn't have a
 * hostname, consider adding a scheme"}) as the plain-text body, where an error page would hide it.
 */
@EndpointWebExtension(endpoint = TunnelEndpoint.class)
public final class TunnelEndpointWebExtension {

    private final TunnelEndpoint endpoint;

    /**
     * Creates the extension.
     *
     * @param endpoint the endpoint it extends
     */
    public TunnelEndpointWebExtension(TunnelEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Tests which ingress rule matches a URL.
     *
     * @param operation must be {@value TunnelEndpoint#MATCH}
     * @param url the URL to test
     * @return 200 with the matched rule, 400 with the reason the URL is refused, 404 for another selector
     */
    @ReadOperation(produces = TunnelEndpoint.TEXT_PLAIN)
    public WebEndpointResponse<String> match(@Selector String operation, String url) {
        if (!TunnelEndpoint.MATCH.equals(operation)) {
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        }
        CommandOutput output = this.endpoint.test(url);
        int status =
                (output.exitStatus() == 0) ? WebEndpointResponse.STATUS_OK : WebEndpointResponse.STATUS_BAD_REQUEST;
        return new WebEndpointResponse<>(output.text(), status);
    }
}
