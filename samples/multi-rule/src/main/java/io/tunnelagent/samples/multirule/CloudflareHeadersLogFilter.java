package io.tunnelagent.samples.multirule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Logs the headers Cloudflare adds to a tunnelled request: {@code Cf-Ray}, {@code Cf-Connecting-Ip} and, behind
 * Cloudflare Access, the authenticated user's e-mail and whether an Access JWT came with it. The JWT itself is a
 * credential and is never logged.
 */
@Component
class CloudflareHeadersLogFilter implements WebFilter {

    static final String RAY = "Cf-Ray";

    static final String CONNECTING_IP = "Cf-Connecting-Ip";

    static final String ACCESS_EMAIL = "Cf-Access-Authenticated-User-Email";

    static final String ACCESS_JWT = "Cf-Access-Jwt-Assertion";

    private static final Logger logger = LoggerFactory.getLogger(CloudflareHeadersLogFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String ray = headers.getFirst(RAY);
        if (ray != null) {
            logger.info(
                    "{} {} via the tunnel: Cf-Ray={} Cf-Connecting-Ip={} Access user={} Access JWT {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    ray,
                    headers.getFirst(CONNECTING_IP),
                    headers.getFirst(ACCESS_EMAIL),
                    headers.containsHeader(ACCESS_JWT) ? "present" : "absent");
        }
        return chain.filter(exchange);
    }
}
