package io.tunnelagent.core.proxy;

import io.netty.channel.EventLoopGroup;
import io.tunnelagent.core.ingress.IngressRule;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.request.AccessConfig;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import io.tunnelagent.core.origin.HeaderNames;
import io.tunnelagent.core.origin.OriginException;
import io.tunnelagent.core.origin.OriginRequest;
import io.tunnelagent.core.origin.StreamExchange;
import io.tunnelagent.core.origin.access.AccessValidator;
import io.tunnelagent.core.origin.http.ProxyEnvironment;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.IncomingDataStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the data streams the edge opens (protocol doc 3.4–3.6): matches each HTTP or WebSocket request against the
 * current {@link IngressRules}, checks the Cloudflare Access token when the rule requires it, sends the request to the
 * rule's origin and streams the answer back; dials WARP TCP streams within the {@code maxActiveFlows} limit.
 * Every failure ends only its own stream: before the response head as an error {@code ConnectResponse} with
 * cloudflared's text, after it as a reset with code 0.
 *
 * <pre>{@code
 * StreamProxy proxy = StreamProxy.builder()
 *         .eventLoopGroup(group)
 *         .connectorId(connectorId)
 *         .listener(metrics)
 *         .build();
 * connection.onStream(stream -> proxy.proxy(stream, rulesReference.get()));
 * }</pre>
 */
public final class StreamProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamProxy.class);

    private final OriginRegistry origins;
    private final Clock clock;
    private final ProxyListener listener;
    private final WarpRoutingConfig warpRouting;
    private final AccessValidator access;
    private final FlowLimiter flows = new FlowLimiter();

    private StreamProxy(Builder builder, EventLoopGroup group, UUID connectorId) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Id", connectorId.toString());
        builder.tags.forEach((name, value) -> tags.put(HeaderNames.canonical(name), value));
        this.clock = builder.clock;
        this.listener = builder.listener;
        this.warpRouting = builder.warpRouting;
        AccessValidator validator = builder.access;
        this.access = validator != null ? validator : AccessValidator.create(this.clock);
        this.origins = new OriginRegistry(group, tags, this.clock, ProxyEnvironment.from(builder.environment));
    }

    /**
     * Starts building a proxy.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Proxies one stream. Never throws; the returned future never fails.
     *
     * @param stream the stream opened by the edge, its head already read
     * @param rules the ingress table to route HTTP and WebSocket streams with
     * @return completes when the stream has ended
     */
    public CompletableFuture<ProxyResult> proxy(IncomingDataStream stream, IngressRules rules) {
        return proxy(stream, rules, this.warpRouting);
    }

    /**
     * Proxies one stream with the given warp-routing settings for TCP streams (for a connector whose
     * {@code warp-routing} section can be reloaded). Never throws; the returned future never fails.
     *
     * @param stream the stream opened by the edge, its head already read
     * @param rules the ingress table to route HTTP and WebSocket streams with
     * @param warpRouting the settings for TCP streams
     * @return completes when the stream has ended
     */
    public CompletableFuture<ProxyResult> proxy(
            IncomingDataStream stream, IngressRules rules, WarpRoutingConfig warpRouting) {
        Instant start = this.clock.instant();
        ConnectRequest request = stream.request();
        long streamId = stream.stream().id();
        StreamExchange exchange;
        int ruleIndex = -1;
        boolean flow = false;
        OriginRequest http = null;
        Throwable invalid = null;
        if (request.type() != ConnectionType.TCP) {
            try {
                http = OriginRequest.from(request);
            } catch (RuntimeException ex) {
                invalid = ex;
            }
        }
        exchange = new StreamExchange(stream, http);
        try {
            if (invalid != null) {
                throw invalid;
            }
            if (http == null) {
                started(streamId, request.type(), -1);
                flow = warp(exchange, warpRouting);
            } else {
                IngressRule rule = rules.match(http.host(), http.path());
                ruleIndex = rule.index();
                log.debug(
                        "[stream {}] {} {}{} matched rule #{}",
                        streamId,
                        http.method(),
                        http.host(),
                        http.target(),
                        ruleIndex);
                started(streamId, request.type(), ruleIndex);
                AccessConfig access = rule.access();
                if (access != null && access.required()) {
                    checkAccess(exchange, rule, access);
                } else {
                    this.origins.forRule(rule).serve(exchange);
                }
            }
        } catch (Throwable ex) {
            exchange.fail(ex);
        }
        int index = ruleIndex;
        boolean counted = flow;
        return exchange.done().thenApply(outcome -> {
            if (counted) {
                this.flows.release();
            }
            ProxyResult result = new ProxyResult(
                    streamId,
                    request.type(),
                    index,
                    outcome.status(),
                    outcome.error(),
                    Duration.between(start, this.clock.instant()));
            finished(result);
            return result;
        });
    }

    /** Closes idle origin connections and stops the hello-world server; streams in flight end on their own. */
    @Override
    public void close() {
        this.origins.close();
    }

    /** The number of WARP TCP flows in progress (those the flow limiter counts). */
    public long activeFlows() {
        return this.flows.active();
    }

    /**
     * Dials a WARP TCP stream unless {@code maxActiveFlows} flows are already active (cloudflared's limiter); returns
     * whether a flow slot was taken (given back when the stream ends).
     */
    private boolean warp(StreamExchange exchange, WarpRoutingConfig warpRouting) {
        if (!this.flows.tryAcquire(warpRouting.maxActiveFlows())) {
            log.warn(
                    "[stream {}] Too many concurrent flows being handled ({} allowed), rejecting tcp proxy",
                    exchange.stream().id(),
                    warpRouting.maxActiveFlows());
            exchange.fail(
                    new OriginException(FlowLimiter.REFUSED),
                    List.of(new Metadata(Metadata.FLOW_CONNECT_RATE_LIMITED, "true")));
            return false;
        }
        try {
            this.origins.warp(warpRouting).serve(exchange);
        } catch (RuntimeException ex) {
            exchange.fail(ex);
        }
        return true;
    }

    /**
     * cloudflared's Access middleware, run before the origin: no token or a wrong audience answers 403 with no
     * headers and no body (not an error); a token that does not verify is an error response.
     */
    private void checkAccess(StreamExchange exchange, IngressRule rule, AccessConfig access) {
        this.access
                .check(access, exchange.http().header(AccessValidator.HEADER))
                .whenComplete((verdict, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        exchange.fail(new OriginException(String.valueOf(cause.getMessage()), cause));
                    } else if (!verdict.allowed()) {
                        log.debug(
                                "[stream {}] Request filtered by middleware handler (AccessJWTValidator) due to: {}",
                                exchange.stream().id(),
                                verdict.reason());
                        exchange.respond(403, List.of()).whenComplete((ignored, failure) -> exchange.finish());
                    } else {
                        try {
                            this.origins.forRule(rule).serve(exchange);
                        } catch (RuntimeException ex) {
                            exchange.fail(ex);
                        }
                    }
                });
    }

    private void started(long streamId, ConnectionType type, int ruleIndex) {
        try {
            this.listener.requestStarted(streamId, type, ruleIndex);
        } catch (RuntimeException ex) {
            log.warn("Proxy listener failed on requestStarted", ex);
        }
    }

    private void finished(ProxyResult result) {
        try {
            this.listener.requestFinished(result);
        } catch (RuntimeException ex) {
            log.warn("Proxy listener failed on requestFinished", ex);
        }
    }

    /** Builds a {@link StreamProxy}; the event loop group and the connector ID are required. */
    public static final class Builder {

        private @Nullable EventLoopGroup group;
        private @Nullable UUID connectorId;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private ProxyListener listener = ProxyListener.NONE;
        private WarpRoutingConfig warpRouting = WarpRoutingConfig.defaults();
        private Map<String, String> environment = System.getenv();
        private @Nullable AccessValidator access;

        private Builder() {}

        /**
         * The validator for rules with {@code access.required: true}; defaults to one that fetches each team's keys
         * from {@code https://<team>.cloudflareaccess.com/cdn-cgi/access/certs} with this builder's clock.
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder accessValidator(AccessValidator validator) {
            this.access = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * The shared NIO event loop group for origin connections (not closed by the proxy).
         *
         * @param group the group
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = group;
            return this;
        }

        /**
         * The connector ID, sent to origins as {@code Cf-Warp-Tag-Id}.
         *
         * @param connectorId the ID
         * @return this builder
         */
        public Builder connectorId(UUID connectorId) {
            this.connectorId = connectorId;
            return this;
        }

        /**
         * Adds a tag sent as {@code Cf-Warp-Tag-<Name>} (cloudflared's {@code --tag NAME=VALUE}).
         *
         * @param name the tag name
         * @param value the value
         * @return this builder
         */
        public Builder tag(String name, String value) {
            this.tags.put(name, value);
            return this;
        }

        /**
         * The clock for durations, certificate validity and Access token lifetimes (for the default validator).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The listener told about every stream.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ProxyListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The WARP routing settings for TCP streams.
         *
         * @param warpRouting the settings
         * @return this builder
         */
        public Builder warpRouting(WarpRoutingConfig warpRouting) {
            this.warpRouting = Objects.requireNonNull(warpRouting, "warpRouting");
            return this;
        }

        /**
         * The environment to read {@code HTTP_PROXY}, {@code HTTPS_PROXY} and {@code NO_PROXY} (and their lower-case
         * forms) from; defaults to {@link System#getenv()}.
         *
         * @param environment the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Builds the proxy.
         *
         * @return the proxy
         * @throws IllegalStateException when the event loop group or the connector ID is missing
         * @throws IllegalArgumentException when a {@code *_PROXY} variable is not an {@code http://} URL
         */
        public StreamProxy build() {
            EventLoopGroup eventLoopGroup = this.group;
            UUID id = this.connectorId;
            if (eventLoopGroup == null || id == null) {
                throw new IllegalStateException(
                        "StreamProxy needs eventLoopGroup(...) and connectorId(...); set both before build()");
            }
            return new StreamProxy(this, eventLoopGroup, id);
        }
    }
}
