package io.tunnelagent.core.ingress.request;

import io.tunnelagent.core.ingress.definition.AccessDefinition;
import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How requests are sent to an origin, fully resolved: every field has a value. Start from {@link #defaults()}
 * (cloudflared's defaults) and apply definitions with {@link #withOverrides}; empty strings mean "not set".
 *
 * @param connectTimeout TCP dial timeout (default 30s)
 * @param tlsTimeout TLS handshake timeout (default 10s)
 * @param tcpKeepAlive TCP keep-alive period (default 30s)
 * @param noHappyEyeballs whether the IPv4/IPv6 fallback is disabled
 * @param keepAliveConnections maximum idle connections (default 100)
 * @param keepAliveTimeout idle connection timeout (default 90s)
 * @param httpHostHeader Host header sent to the origin instead of the request's
 * @param originServerName TLS server name expected from the origin
 * @param matchSniToHost whether the request Host is used as the TLS server name
 * @param caPool path of extra trusted CA certificates
 * @param noTlsVerify whether origin certificates are not verified
 * @param disableChunkedEncoding whether chunked request bodies are disabled
 * @param bastionMode whether the rule is a bastion
 * @param proxyAddress proxy listen address (default 127.0.0.1; unused)
 * @param proxyPort proxy listen port (default 0; unused)
 * @param proxyType {@code socks} or empty
 * @param ipRules IP access rules (valid ones only)
 * @param http2Origin whether HTTP/2 is used towards the origin
 * @param access Access settings, or {@code null} when not configured
 */
public record OriginRequestConfig(
        Duration connectTimeout,
        Duration tlsTimeout,
        Duration tcpKeepAlive,
        boolean noHappyEyeballs,
        int keepAliveConnections,
        Duration keepAliveTimeout,
        String httpHostHeader,
        String originServerName,
        boolean matchSniToHost,
        String caPool,
        boolean noTlsVerify,
        boolean disableChunkedEncoding,
        boolean bastionMode,
        String proxyAddress,
        long proxyPort,
        String proxyType,
        List<IpRule> ipRules,
        boolean http2Origin,
        @Nullable AccessConfig access) {

    /** Default TCP dial timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Default TLS handshake timeout. */
    public static final Duration DEFAULT_TLS_TIMEOUT = Duration.ofSeconds(10);

    /** Default TCP keep-alive period. */
    public static final Duration DEFAULT_TCP_KEEP_ALIVE = Duration.ofSeconds(30);

    /** Default idle connection timeout. */
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(90);

    /** Default maximum number of idle connections. */
    public static final int DEFAULT_KEEP_ALIVE_CONNECTIONS = 100;

    /** Default proxy address. */
    public static final String DEFAULT_PROXY_ADDRESS = "127.0.0.1";

    private static final OriginRequestConfig DEFAULTS = new OriginRequestConfig(
            DEFAULT_CONNECT_TIMEOUT,
            DEFAULT_TLS_TIMEOUT,
            DEFAULT_TCP_KEEP_ALIVE,
            false,
            DEFAULT_KEEP_ALIVE_CONNECTIONS,
            DEFAULT_KEEP_ALIVE_TIMEOUT,
            "",
            "",
            false,
            "",
            false,
            false,
            false,
            DEFAULT_PROXY_ADDRESS,
            0,
            "",
            List.of(),
            false,
            null);

    public OriginRequestConfig {
        ipRules = List.copyOf(ipRules);
    }

    /** cloudflared's defaults. */
    public static OriginRequestConfig defaults() {
        return DEFAULTS;
    }

    /** cloudflared's defaults overridden by the options set in the definition ({@code null} = defaults only). */
    public static OriginRequestConfig resolve(@Nullable OriginRequestDefinition definition) {
        return (definition != null) ? DEFAULTS.withOverrides(definition) : DEFAULTS;
    }

    /**
     * Returns this configuration with every option that is set in the definition replaced, field by field. An empty
     * {@code ipRules} list does not override; invalid IP rules are dropped (as cloudflared does outside
     * {@code socks-proxy} rules, which validate their own rules strictly).
     */
    public OriginRequestConfig withOverrides(OriginRequestDefinition o) {
        return new OriginRequestConfig(
                or(o.getConnectTimeout(), this.connectTimeout),
                or(o.getTlsTimeout(), this.tlsTimeout),
                or(o.getTcpKeepAlive(), this.tcpKeepAlive),
                or(o.getNoHappyEyeballs(), this.noHappyEyeballs),
                or(o.getKeepAliveConnections(), this.keepAliveConnections),
                or(o.getKeepAliveTimeout(), this.keepAliveTimeout),
                or(o.getHttpHostHeader(), this.httpHostHeader),
                or(o.getOriginServerName(), this.originServerName),
                or(o.getMatchSniToHost(), this.matchSniToHost),
                or(o.getCaPool(), this.caPool),
                or(o.getNoTlsVerify(), this.noTlsVerify),
                or(o.getDisableChunkedEncoding(), this.disableChunkedEncoding),
                or(o.getBastionMode(), this.bastionMode),
                or(o.getProxyAddress(), this.proxyAddress),
                or(o.getProxyPort(), this.proxyPort),
                or(o.getProxyType(), this.proxyType),
                validIpRules(o.getIpRules(), this.ipRules),
                or(o.getHttp2Origin(), this.http2Origin),
                access(o.getAccess(), this.access));
    }

    /** Returns this configuration with bastion mode switched on. */
    public OriginRequestConfig withBastionMode() {
        return new OriginRequestConfig(
                this.connectTimeout,
                this.tlsTimeout,
                this.tcpKeepAlive,
                this.noHappyEyeballs,
                this.keepAliveConnections,
                this.keepAliveTimeout,
                this.httpHostHeader,
                this.originServerName,
                this.matchSniToHost,
                this.caPool,
                this.noTlsVerify,
                this.disableChunkedEncoding,
                true,
                this.proxyAddress,
                this.proxyPort,
                this.proxyType,
                this.ipRules,
                this.http2Origin,
                this.access);
    }

    private static <T> T or(@Nullable T value, T fallback) {
        return (value != null) ? value : fallback;
    }

    private static List<IpRule> validIpRules(@Nullable List<IpRuleDefinition> definitions, List<IpRule> fallback) {
        if (definitions == null || definitions.isEmpty()) {
            return fallback;
        }
        List<IpRule> rules = new ArrayList<>();
        for (IpRuleDefinition definition : definitions) {
            try {
                rules.add(IpRule.parse(definition.getPrefix(), definition.getPorts(), definition.isAllow()));
            } catch (IllegalArgumentException ex) {
                // cloudflared ignores invalid rules here; socks-proxy rules are validated strictly elsewhere.
            }
        }
        return rules;
    }

    private static @Nullable AccessConfig access(
            @Nullable AccessDefinition definition, @Nullable AccessConfig fallback) {
        return (definition != null) ? AccessConfig.from(definition) : fallback;
    }
}
