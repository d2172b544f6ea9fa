package io.tunnelagent.core.connector;

import io.tunnelagent.core.config.json.LocalConfiguration;
import io.tunnelagent.core.connector.edge.EdgeResolver;
import io.tunnelagent.core.connector.edge.IpVersion;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.core.connector.retry.Delayer;
import io.tunnelagent.core.connector.supervisor.EdgeSessions;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.protocol.credentials.TunnelToken;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link TunnelConnector}. Required: credentials ({@link #token} or {@link #credentials}), the
 * {@link #dataStreamHandler} and a {@link #dialer} per transport in use. Everything else defaults to cloudflared's
 * behaviour: 4 HA connections, SRV discovery of the global region, protocol {@code auto}, 5 retries, a 30 s grace
 * period and a 5 s RPC timeout.
 */
public final class ConnectorBuilder {

    /** The longest grace period cloudflared accepts. */
    public static final Duration MAX_GRACE_PERIOD = ConnectorSettings.MAX_GRACE_PERIOD;

    /** The default number of HA connections ({@code --ha-connections}). */
    public static final int DEFAULT_HA_CONNECTIONS = 4;

    /** The default protocol mode ({@code --protocol}). */
    public static final ProtocolMode DEFAULT_PROTOCOL = ProtocolMode.AUTO;

    /** The default {@code --retries}. */
    public static final int DEFAULT_RETRIES = 5;

    /** The default grace period for drains ({@code --grace-period}). */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

    /** The default RPC timeout ({@code --rpc-timeout}). */
    public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(5);

    private @Nullable TunnelCredentials credentials;
    private @Nullable UUID tunnelId;
    private IngressRules rules = IngressRules.compile(List.of(), null);
    private @Nullable DataStreamHandler dataStreamHandler;
    private final Map<TransportProtocol, EdgeDialer> dialers = new EnumMap<>(TransportProtocol.class);
    private List<InetSocketAddress> edgeAddresses = List.of();
    private @Nullable String region;
    private EdgeResolver resolver = EdgeResolver.system();
    private IpVersion ipVersion = IpVersion.AUTO;
    private int haConnections = DEFAULT_HA_CONNECTIONS;
    private ProtocolMode protocol = DEFAULT_PROTOCOL;
    private int retries = DEFAULT_RETRIES;
    private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    private Duration rpcTimeout = DEFAULT_RPC_TIMEOUT;
    private Duration reprobeInterval = Duration.ofMinutes(5);
    private String version = ConnectorSettings.defaultVersion();
    private boolean postQuantum;
    private Function<IngressRules, String> localConfiguration =
            (current) -> LocalConfiguration.toJson(current, WarpRoutingConfig.defaults(), Map.of());
    private final List<ConnectorListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new Random();
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable Delayer delayer;
    private @Nullable EdgeSessions sessions;
    private @Nullable UUID connectorId;

    ConnectorBuilder() {}

    /**
     * Sets the connector ID (default: a random UUID per connector), e.g. to give the origin proxy the same ID.
     *
     * @param connectorId the ID
     * @return this builder
     */
    public ConnectorBuilder connectorId(UUID connectorId) {
        this.connectorId = connectorId;
        return this;
    }

    /**
     * Uses a tunnel token ({@code cloudflared tunnel token}); its endpoint, if any, becomes the region.
     *
     * @param token the base64 token
     * @return this builder
     * @throws io.tunnelagent.protocol.credentials.CredentialsException if the token is not valid
     */
    public ConnectorBuilder token(String token) {
        TunnelToken decoded = TunnelToken.decode(token);
        this.credentials = decoded.toCredentials();
        this.tunnelId = decoded.tunnelId();
        if (!decoded.endpoint().isEmpty()) {
            this.region = decoded.endpoint();
        }
        return this;
    }

    /**
     * Uses a credentials file's contents; the tunnel ID comes from the file unless {@link #tunnelId} is set.
     *
     * @param credentials the credentials
     * @return this builder
     */
    public ConnectorBuilder credentials(TunnelCredentials credentials) {
        this.credentials = credentials;
        if (this.tunnelId == null) {
            this.tunnelId = credentials.tunnelId();
        }
        if (!credentials.endpoint().isEmpty()) {
            this.region = credentials.endpoint();
        }
        return this;
    }

    /**
     * Sets the tunnel ID (the {@code tunnel:} key), overriding the one in the credentials.
     *
     * @param tunnelId the tunnel ID
     * @return this builder
     */
    public ConnectorBuilder tunnelId(UUID tunnelId) {
        this.tunnelId = tunnelId;
        return this;
    }

    /**
     * Sets the initial ingress rules (default: none, every request gets 503).
     *
     * @param rules the rules
     * @return this builder
     */
    public ConnectorBuilder rules(IngressRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        return this;
    }

    /**
     * Sets what serves proxied requests (the origin proxy).
     *
     * @param handler the handler
     * @return this builder
     */
    public ConnectorBuilder dataStreamHandler(DataStreamHandler handler) {
        this.dataStreamHandler = handler;
        return this;
    }

    /**
     * Adds a dialer for its transport; the connector uses the one matching the selected protocol.
     *
     * @param dialer the dialer; the connector does not close it
     * @return this builder
     */
    public ConnectorBuilder dialer(EdgeDialer dialer) {
        this.dialers.put(dialer.protocol(), dialer);
        return this;
    }

    /**
     * Uses a static edge list instead of DNS discovery ({@code --edge}); HA connections are capped at its size.
     *
     * @param addresses the edge addresses
     * @return this builder
     */
    public ConnectorBuilder edgeAddresses(List<InetSocketAddress> addresses) {
        this.edgeAddresses = List.copyOf(addresses);
        return this;
    }

    /**
     * Sets the region for SRV discovery ({@code --region}, e.g. {@code us}).
     *
     * @param region the region, or null for the global edge
     * @return this builder
     */
    public ConnectorBuilder region(@Nullable String region) {
        this.region = region;
        return this;
    }

    /**
     * Sets the DNS resolver for discovery (default: the system's).
     *
     * @param resolver the resolver
     * @return this builder
     */
    public ConnectorBuilder resolver(EdgeResolver resolver) {
        this.resolver = resolver;
        return this;
    }

    /**
     * Sets the edge IP version ({@code --edge-ip-version}).
     *
     * @param ipVersion the version
     * @return this builder
     */
    public ConnectorBuilder ipVersion(IpVersion ipVersion) {
        this.ipVersion = ipVersion;
        return this;
    }

    /**
     * Sets the number of HA connections (default 4).
     *
     * @param count 1 to 256
     * @return this builder
     */
    public ConnectorBuilder haConnections(int count) {
        ConnectorSettings.checkHaConnections(count);
        this.haConnections = count;
        return this;
    }

    /**
     * Sets the protocol mode (default {@code auto}).
     *
     * @param protocol the mode
     * @return this builder
     */
    public ConnectorBuilder protocol(ProtocolMode protocol) {
        this.protocol = protocol;
        return this;
    }

    /**
     * Sets {@code --retries}: where the backoff stops growing and fallback is considered (default 5).
     *
     * @param retries 0 to 30
     * @return this builder
     */
    public ConnectorBuilder retries(int retries) {
        ConnectorSettings.checkRetries(retries);
        this.retries = retries;
        return this;
    }

    /**
     * Sets the grace period for drains (default 30 s, at most 3 minutes).
     *
     * @param gracePeriod the grace period
     * @return this builder
     */
    public ConnectorBuilder gracePeriod(Duration gracePeriod) {
        ConnectorSettings.checkGracePeriod(gracePeriod);
        this.gracePeriod = gracePeriod;
        return this;
    }

    /**
     * Sets the RPC timeout for registration and configuration calls (default 5 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public ConnectorBuilder rpcTimeout(Duration timeout) {
        this.rpcTimeout = timeout;
        return this;
    }

    /**
     * Sets how long to stay on the HTTP/2 fallback before probing QUIC again (default 5 minutes; zero disables).
     *
     * @param interval the interval
     * @return this builder
     */
    public ConnectorBuilder reprobeInterval(Duration interval) {
        this.reprobeInterval = interval;
        return this;
    }

    /**
     * Sets the version string sent to the edge.
     *
     * @param version the version
     * @return this builder
     */
    public ConnectorBuilder version(String version) {
        this.version = version;
        return this;
    }

    /**
     * Sends the {@code postquantum} feature (strict post-quantum mode).
     *
     * @param postQuantum whether strict post-quantum mode is on
     * @return this builder
     */
    public ConnectorBuilder postQuantum(boolean postQuantum) {
        this.postQuantum = postQuantum;
        return this;
    }

    /**
     * Sets how the local configuration JSON pushed on connection 0 is written from the rules in force (default:
     * the rules, default warp-routing, no flags).
     *
     * @param writer the writer
     * @return this builder
     */
    public ConnectorBuilder localConfiguration(Function<IngressRules, String> writer) {
        this.localConfiguration = writer;
        return this;
    }

    /**
     * Adds a listener for connection events.
     *
     * @param listener the listener
     * @return this builder
     */
    public ConnectorBuilder listener(ConnectorListener listener) {
        this.listeners.add(listener);
        return this;
    }

    /**
     * Sets the clock (backoff grace periods, re-probe timing).
     *
     * @param clock the clock
     * @return this builder
     */
    public ConnectorBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Sets the random source (backoff jitter, region choice).
     *
     * @param random the random source
     * @return this builder
     */
    public ConnectorBuilder random(RandomGenerator random) {
        this.random = random;
        return this;
    }

    /**
     * Sets the scheduler for RPC timeouts and delays (default: a daemon thread owned by the connector).
     *
     * @param scheduler the scheduler; not shut down by the connector
     * @return this builder
     */
    public ConnectorBuilder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /**
     * Sets the source of delays between attempts (default: the scheduler); tests complete them on demand.
     *
     * @param delayer the delayer
     * @return this builder
     */
    public ConnectorBuilder delayer(Delayer delayer) {
        this.delayer = delayer;
        return this;
    }

    /**
     * Replaces the transports and registration with another session source, for tests of the supervision.
     *
     * @param sessions the session source
     * @return this builder
     */
    public ConnectorBuilder sessions(EdgeSessions sessions) {
        this.sessions = sessions;
        return this;
    }

    /**
     * Builds the connector.
     *
     * @return the connector, not started
     * @throws ConnectorException naming the missing setting
     */
    public TunnelConnector build() {
        ConnectorSettings settings = new ConnectorSettings(
                this.credentials,
                this.tunnelId,
                this.rules,
                this.dataStreamHandler,
                Map.copyOf(this.dialers),
                this.edgeAddresses,
                this.region,
                this.resolver,
                this.ipVersion,
                this.haConnections,
                this.protocol,
                this.retries,
                this.gracePeriod,
                this.rpcTimeout,
                this.reprobeInterval,
                this.version,
                this.postQuantum,
                this.localConfiguration,
                List.copyOf(this.listeners),
                this.clock,
                this.random,
                this.scheduler,
                this.delayer,
                this.sessions);
        UUID id = (this.connectorId != null) ? this.connectorId : UUID.randomUUID();
        return new TunnelConnector(settings, id);
    }
}
