package io.tunnelagent.autoconfigure;

import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.transport.quic.QuicImplementation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties of the tunnel connector ({@code cloudflare.tunnel.*}). The defaults are cloudflared's.
 * {@link Object#toString()} is not overridden, so the token never shows in logs.
 */
@ConfigurationProperties("cloudflare.tunnel")
public class TunnelProperties {

    /** Whether to run a tunnel connector in this application. */
    private boolean enabled = true;

    /**
     * Tunnel token, as shown by the dashboard or 'cloudflared tunnel token'. Holds the tunnel ID and
     * secret; keep it out of version control.
     */
    private @Nullable String token;

    /** Path of a credentials file written by 'cloudflared tunnel create'; used when no token is set. */
    private @Nullable Path credentialsFile;

    /** Tunnel ID; overrides the one in the credentials file. */
    private @Nullable UUID id;

    /** Transport to the edge: auto (QUIC with HTTP/2 fallback), quic or http2. */
    private ProtocolMode protocol = ProtocolMode.AUTO;

    /** QUIC implementation: auto (Netty QUIC where its native library loads, otherwise Kwik), netty or kwik. */
    private QuicImplementation quic = QuicImplementation.AUTO;

    /** Number of connections to the edge, 1 to 256; capped by the number of edge addresses. */
    private int haConnections = 4;

    /** Static edge addresses as host:port, instead of DNS discovery. */
    private List<String> edge = new ArrayList<>();

    /** Edge region for DNS discovery, for example "us"; the global edge when not set. */
    private @Nullable String region;

    /** Path of a PEM bundle of CA certificates that replace the default roots for verifying the edge. */
    private @Nullable Path caCert;

    /** Time to wait for in-flight requests when the connector stops; at most 3 minutes. */
    private Duration gracePeriod = Duration.ofSeconds(30);

    /** Number of retries after which the backoff stops growing and protocol fallback is considered, 0 to 30. */
    private int retries = 5;

    /** Timeout of the registration and configuration calls to the edge. */
    private Duration rpcTimeout = Duration.ofSeconds(5);

    /** Whether to start the connector when the application context starts. */
    private boolean autoStartup = true;

    /**
     * Time to wait at start-up for the first connection to register; the connector keeps trying in the
     * background after it. Zero does not wait.
     */
    private Duration startupTimeout = Duration.ofSeconds(30);

    /** Options for requests to origins, inherited by every ingress rule. */
    @NestedConfigurationProperty
    private OriginRequestDefinition originRequest = new OriginRequestDefinition();

    /**
     * Ingress rules in order (hostname, path, service, origin-request); the last one must match every request.
     * When empty, every request goes to this application's own server port.
     */
    private List<IngressRuleDefinition> ingress = new ArrayList<>();

    /** The local edge started in-process when no credentials are set and tunnel-edge is on the classpath. */
    private final LocalEdge localEdge = new LocalEdge();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getToken() {
        return this.token;
    }

    public void setToken(@Nullable String token) {
        this.token = token;
    }

    public @Nullable Path getCredentialsFile() {
        return this.credentialsFile;
    }

    public void setCredentialsFile(@Nullable Path credentialsFile) {
        this.credentialsFile = credentialsFile;
    }

    public @Nullable UUID getId() {
        return this.id;
    }

    public void setId(@Nullable UUID id) {
        this.id = id;
    }

    public ProtocolMode getProtocol() {
        return this.protocol;
    }

    public void setProtocol(ProtocolMode protocol) {
        this.protocol = protocol;
    }

    public QuicImplementation getQuic() {
        return this.quic;
    }

    public void setQuic(QuicImplementation quic) {
        this.quic = quic;
    }

    public int getHaConnections() {
        return this.haConnections;
    }

    public void setHaConnections(int haConnections) {
        this.haConnections = haConnections;
    }

    public List<String> getEdge() {
        return this.edge;
    }

    public void setEdge(List<String> edge) {
        this.edge = edge;
    }

    public @Nullable String getRegion() {
        return this.region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region;
    }

    public @Nullable Path getCaCert() {
        return this.caCert;
    }

    public void setCaCert(@Nullable Path caCert) {
        this.caCert = caCert;
    }

    public Duration getGracePeriod() {
        return this.gracePeriod;
    }

    public void setGracePeriod(Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }

    public int getRetries() {
        return this.retries;
    }

    public void setRetries(int retries) {
        this.retries = retries;
    }

    public Duration getRpcTimeout() {
        return this.rpcTimeout;
    }

    public void setRpcTimeout(Duration rpcTimeout) {
        this.rpcTimeout = rpcTimeout;
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public Duration getStartupTimeout() {
        return this.startupTimeout;
    }

    public void setStartupTimeout(Duration startupTimeout) {
        this.startupTimeout = startupTimeout;
    }

    public OriginRequestDefinition getOriginRequest() {
        return this.originRequest;
    }

    public void setOriginRequest(OriginRequestDefinition originRequest) {
        this.originRequest = originRequest;
    }

    public List<IngressRuleDefinition> getIngress() {
        return this.ingress;
    }

    public void setIngress(List<IngressRuleDefinition> ingress) {
        this.ingress = ingress;
    }

    public LocalEdge getLocalEdge() {
        return this.localEdge;
    }

    /** Settings of the local edge embedded for development. */
    public static class LocalEdge {

        /** Whether to start a local edge in-process when no token or credentials file is set. */
        private boolean enabled = true;

        /** Directory for the edge's CA, certificates and tunnels; a temporary directory when not set. */
        private @Nullable Path stateDirectory;

        /** Loopback port for connectors (QUIC and HTTP/2); 0 picks a free one. */
        private int edgePort;

        /** Loopback port for visitors over plain HTTP; 0 picks a free one. */
        private int visitorPort;

        /** Loopback port for visitors over HTTPS; 0 picks a free one. */
        private int visitorTlsPort;

        /** Loopback port of the admin API; 0 picks a free one. */
        private int adminPort;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Path getStateDirectory() {
            return this.stateDirectory;
        }

        public void setStateDirectory(@Nullable Path stateDirectory) {
            this.stateDirectory = stateDirectory;
        }

        public int getEdgePort() {
            return this.edgePort;
        }

        public void setEdgePort(int edgePort) {
            this.edgePort = edgePort;
        }

        public int getVisitorPort() {
            return this.visitorPort;
        }

        public void setVisitorPort(int visitorPort) {
            this.visitorPort = visitorPort;
        }

        public int getVisitorTlsPort() {
            return this.visitorTlsPort;
        }

        public void setVisitorTlsPort(int visitorTlsPort) {
            this.visitorTlsPort = visitorTlsPort;
        }

        public int getAdminPort() {
            return this.adminPort;
        }

        public void setAdminPort(int adminPort) {
            this.adminPort = adminPort;
        }
    }
}
