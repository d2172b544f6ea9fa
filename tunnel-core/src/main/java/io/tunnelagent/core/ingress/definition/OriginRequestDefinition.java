package io.tunnelagent.core.ingress.definition;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code originRequest} options: how requests are sent to an origin. Used both globally and per rule; every
 * option is nullable and {@code null} means "not set", so that a rule inherits the global value and the global value
 * inherits cloudflared's default. Resolve with {@link io.tunnelagent.core.ingress.request.OriginRequestConfig}.
 */
public final class OriginRequestDefinition {

    /** Timeout for establishing a TCP connection to the origin; default 30s. */
    private @Nullable Duration connectTimeout;

    /** Timeout for completing the TLS handshake with the origin; default 10s. */
    private @Nullable Duration tlsTimeout;

    /** TCP keep-alive period of origin connections; default 30s. */
    private @Nullable Duration tcpKeepAlive;

    /** Whether to disable the IPv4/IPv6 "happy eyeballs" fallback when dialing; default false. */
    private @Nullable Boolean noHappyEyeballs;

    /** Maximum number of idle keep-alive connections kept to the origin; default 100. */
    private @Nullable Integer keepAliveConnections;

    /** Time after which an idle keep-alive connection to the origin is closed; default 90s. */
    private @Nullable Duration keepAliveTimeout;

    /** Host header sent to the origin instead of the request's; the original goes to X-Forwarded-Host. */
    private @Nullable String httpHostHeader;

    /** Hostname expected on the origin's TLS certificate (also sent as SNI). */
    private @Nullable String originServerName;

    /** Whether to use the request's Host as the TLS server name (YAML key matchSNItoHost); default false. */
    private @Nullable Boolean matchSniToHost;

    /** Path of a PEM file with extra CA certificates trusted for the origin. */
    private @Nullable String caPool;

    /** Whether to skip verification of the origin's TLS certificate (YAML key noTLSVerify); default false. */
    private @Nullable Boolean noTlsVerify;

    /** Whether to send request bodies to the origin without chunked transfer encoding; default false. */
    private @Nullable Boolean disableChunkedEncoding;

    /** Whether the rule acts as a bastion (jump host) whatever its service; default false. */
    private @Nullable Boolean bastionMode;

    /** Listen address of a cloudflared-managed proxy; default 127.0.0.1 (kept for compatibility). */
    private @Nullable String proxyAddress;

    /** Listen port of a cloudflared-managed proxy; default 0 (kept for compatibility). */
    private @Nullable Long proxyPort;

    /** Proxy kind for TCP-over-WebSocket origins: {@code socks} or empty. */
    private @Nullable String proxyType;

    /** IP access rules of a socks-proxy service, evaluated in order. */
    private @Nullable List<IpRuleDefinition> ipRules;

    /** Whether to speak HTTP/2 to the origin; default false. */
    private @Nullable Boolean http2Origin;

    /** Cloudflare Access protection; unset means not protected. */
    private @Nullable AccessDefinition access;

    public @Nullable Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(@Nullable Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public @Nullable Duration getTlsTimeout() {
        return this.tlsTimeout;
    }

    public void setTlsTimeout(@Nullable Duration tlsTimeout) {
        this.tlsTimeout = tlsTimeout;
    }

    public @Nullable Duration getTcpKeepAlive() {
        return this.tcpKeepAlive;
    }

    public void setTcpKeepAlive(@Nullable Duration tcpKeepAlive) {
        this.tcpKeepAlive = tcpKeepAlive;
    }

    public @Nullable Boolean getNoHappyEyeballs() {
        return this.noHappyEyeballs;
    }

    public void setNoHappyEyeballs(@Nullable Boolean noHappyEyeballs) {
        this.noHappyEyeballs = noHappyEyeballs;
    }

    public @Nullable Integer getKeepAliveConnections() {
        return this.keepAliveConnections;
    }

    public void setKeepAliveConnections(@Nullable Integer keepAliveConnections) {
        this.keepAliveConnections = keepAliveConnections;
    }

    public @Nullable Duration getKeepAliveTimeout() {
        return this.keepAliveTimeout;
    }

    public void setKeepAliveTimeout(@Nullable Duration keepAliveTimeout) {
        this.keepAliveTimeout = keepAliveTimeout;
    }

    public @Nullable String getHttpHostHeader() {
        return this.httpHostHeader;
    }

    public void setHttpHostHeader(@Nullable String httpHostHeader) {
        this.httpHostHeader = httpHostHeader;
    }

    public @Nullable String getOriginServerName() {
        return this.originServerName;
    }

    public void setOriginServerName(@Nullable String originServerName) {
        this.originServerName = originServerName;
    }

    public @Nullable Boolean getMatchSniToHost() {
        return this.matchSniToHost;
    }

    public void setMatchSniToHost(@Nullable Boolean matchSniToHost) {
        this.matchSniToHost = matchSniToHost;
    }

    public @Nullable String getCaPool() {
        return this.caPool;
    }

    public void setCaPool(@Nullable String caPool) {
        this.caPool = caPool;
    }

    public @Nullable Boolean getNoTlsVerify() {
        return this.noTlsVerify;
    }

    public void setNoTlsVerify(@Nullable Boolean noTlsVerify) {
        this.noTlsVerify = noTlsVerify;
    }

    public @Nullable Boolean getDisableChunkedEncoding() {
        return this.disableChunkedEncoding;
    }

    public void setDisableChunkedEncoding(@Nullable Boolean disableChunkedEncoding) {
        this.disableChunkedEncoding = disableChunkedEncoding;
    }

    public @Nullable Boolean getBastionMode() {
        return this.bastionMode;
    }

    public void setBastionMode(@Nullable Boolean bastionMode) {
        this.bastionMode = bastionMode;
    }

    public @Nullable String getProxyAddress() {
        return this.proxyAddress;
    }

    public void setProxyAddress(@Nullable String proxyAddress) {
        this.proxyAddress = proxyAddress;
    }

    public @Nullable Long getProxyPort() {
        return this.proxyPort;
    }

    public void setProxyPort(@Nullable Long proxyPort) {
        this.proxyPort = proxyPort;
    }

    public @Nullable String getProxyType() {
        return this.proxyType;
    }

    public void setProxyType(@Nullable String proxyType) {
        this.proxyType = proxyType;
    }

    public @Nullable List<IpRuleDefinition> getIpRules() {
        return this.ipRules;
    }

    public void setIpRules(@Nullable List<IpRuleDefinition> ipRules) {
        this.ipRules = ipRules;
    }

    public @Nullable Boolean getHttp2Origin() {
        return this.http2Origin;
    }

    public void setHttp2Origin(@Nullable Boolean http2Origin) {
        this.http2Origin = http2Origin;
    }

    public @Nullable AccessDefinition getAccess() {
        return this.access;
    }

    public void setAccess(@Nullable AccessDefinition access) {
        this.access = access;
    }
}
