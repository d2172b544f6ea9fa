package io.tunnelagent.edge;

import io.tunnelagent.edge.registration.ConnectorSessions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link LocalEdge}. Everything binds to loopback by default; ports default to 7844 (connectors), 8080
 * (visitors), 8443 (visitors over TLS) and 7845 (admin); use port 0 for ephemeral ports in tests.
 */
public final class LocalEdgeBuilder {

    Path stateDirectory = Path.of("tunnel-edge-state");
    InetAddress bindAddress = InetAddress.getLoopbackAddress();
    int edgePort = 7844;
    int visitorPort = 8080;
    int visitorTlsPort = 8443;
    int adminPort = 7845;
    String location = "LOCAL";
    String quickTunnelDomain = "localhost";
    Duration responseTimeout = Duration.ofSeconds(100);
    Duration registrationTimeout = Duration.ofSeconds(15);
    Duration gracePeriod = Duration.ofSeconds(30);
    Duration closeDelay = Duration.ofSeconds(1);
    int eventLoopThreads = 2;
    boolean quic = true;
    Clock clock = Clock.systemUTC();

    LocalEdgeBuilder() {}

    /**
     * The state directory (created if missing); {@code ./tunnel-edge-state} by default.
     *
     * @param directory the directory
     * @return this builder
     */
    public LocalEdgeBuilder stateDirectory(Path directory) {
        this.stateDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * The address every listener binds to; loopback by default.
     *
     * @param address the address
     * @return this builder
     */
    public LocalEdgeBuilder bindAddress(InetAddress address) {
        this.bindAddress = Objects.requireNonNull(address, "address");
        return this;
    }

    /**
     * Binds every listener (connectors, visitors, visitors over TLS, admin) to an ephemeral port, as tests and
     * embedded edges need; read the ports back from the started {@link LocalEdge}.
     *
     * @return this builder
     */
    public LocalEdgeBuilder ephemeralPorts() {
        this.edgePort = 0;
        this.visitorPort = 0;
        this.visitorTlsPort = 0;
        this.adminPort = 0;
        return this;
    }

    /**
     * The connector port (QUIC on UDP and HTTP/2 on TCP); 7844 by default, 0 for an ephemeral port.
     *
     * @param port the port
     * @return this builder
     */
    public LocalEdgeBuilder edgePort(int port) {
        this.edgePort = port;
        return this;
    }

    /**
     * The visitor HTTP port; 8080 by default, 0 for an ephemeral port.
     *
     * @param port the port
     * @return this builder
     */
    public LocalEdgeBuilder visitorPort(int port) {
        this.visitorPort = port;
        return this;
    }

    /**
     * The visitor HTTPS port; 8443 by default, 0 for an ephemeral port.
     *
     * @param port the port
     * @return this builder
     */
    public LocalEdgeBuilder visitorTlsPort(int port) {
        this.visitorTlsPort = port;
        return this;
    }

    /**
     * The admin API port; 7845 by default, 0 for an ephemeral port.
     *
     * @param port the port
     * @return this builder
     */
    public LocalEdgeBuilder adminPort(int port) {
        this.adminPort = port;
        return this;
    }

    /**
     * The location name connectors log ({@code LOCAL} by default).
     *
     * @param location the name
     * @return this builder
     */
    public LocalEdgeBuilder location(String location) {
        this.location = Objects.requireNonNull(location, "location");
        return this;
    }

    /**
     * The domain quick tunnels get hostnames under ({@code localhost} by default, so they resolve to loopback).
     *
     * @param domain the domain
     * @return this builder
     */
    public LocalEdgeBuilder quickTunnelDomain(String domain) {
        this.quickTunnelDomain = Objects.requireNonNull(domain, "domain");
        return this;
    }

    /**
     * How long a connector may take to send a response head before the visitor gets a 504; 100 s by default.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public LocalEdgeBuilder responseTimeout(Duration timeout) {
        this.responseTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * How long a connector connection may stay unregistered before it is closed; 15 s by default.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public LocalEdgeBuilder registrationTimeout(Duration timeout) {
        this.registrationTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * How long an unregistered connection may keep serving its in-flight requests; 30 s by default.
     *
     * @param gracePeriod the grace period
     * @return this builder
     */
    public LocalEdgeBuilder gracePeriod(Duration gracePeriod) {
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
        return this;
    }

    /**
     * Whether to listen for QUIC connectors on UDP (true by default; skipped with a warning where Netty QUIC's native
     * library does not load).
     *
     * @param enabled whether to listen on UDP
     * @return this builder
     */
    public LocalEdgeBuilder quic(boolean enabled) {
        this.quic = enabled;
        return this;
    }

    /**
     * The clock for creation times and certificate validity.
     *
     * @param clock the clock
     * @return this builder
     */
    public LocalEdgeBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Starts the edge: loads or creates the state, binds every listener.
     *
     * @return the running edge
     */
    public LocalEdge start() {
        return LocalEdge.start(this);
    }

    ConnectorSessions.Settings sessionSettings() {
        return new ConnectorSessions.Settings(
                location, Duration.ofSeconds(5), registrationTimeout, gracePeriod, closeDelay);
    }
}
