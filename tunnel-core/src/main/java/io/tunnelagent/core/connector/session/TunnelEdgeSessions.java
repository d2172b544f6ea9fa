package io.tunnelagent.core.connector.session;

import io.tunnelagent.core.connector.DataStreamHandler;
import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.registration.ControlClient;
import io.tunnelagent.core.connector.rules.RulesHolder;
import io.tunnelagent.core.connector.supervisor.EdgeSession;
import io.tunnelagent.core.connector.supervisor.EdgeSessions;
import io.tunnelagent.core.connector.supervisor.SessionException;
import io.tunnelagent.core.connector.supervisor.SessionRequest;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.protocol.registration.ClientInfo;
import io.tunnelagent.protocol.registration.ConnectionDetails;
import io.tunnelagent.protocol.registration.ConnectionOptions;
import io.tunnelagent.protocol.registration.RegisterConnection;
import io.tunnelagent.protocol.registration.TunnelAuth;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.TunnelStream;
import io.tunnelagent.transport.rpc.StreamRpcTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens sessions over real transports (protocol doc 3.8, 4.5, 5.3): dial, take the control stream, bootstrap the
 * edge's {@code RegistrationServer}, {@code registerConnection} pipelined within the RPC timeout, then on
 * connection 0 (unless remotely managed) push the local configuration. Incoming streams are served from the moment
 * the connection is up.
 */
public final class TunnelEdgeSessions implements EdgeSessions {

    private static final Logger logger = LoggerFactory.getLogger(TunnelEdgeSessions.class);

    private final Map<TransportProtocol, EdgeDialer> dialers;

    private final String accountTag;

    private final TunnelSecret secret;

    private final UUID tunnelId;

    private final ClientInfo clientInfo;

    private final RulesHolder rules;

    private final DataStreamHandler handler;

    private final Supplier<String> localConfiguration;

    private final ConnectorListener listener;

    private final ScheduledExecutorService scheduler;

    private final Duration rpcTimeout;

    /**
     * Creates the session factory.
     *
     * @param dialers a dialer per transport
     * @param accountTag the account tag
     * @param secret the tunnel secret
     * @param tunnelId the tunnel ID
     * @param clientInfo the client info to send
     * @param rules the rules in force
     * @param handler serves proxied requests
     * @param localConfiguration the local configuration JSON pushed on connection 0
     * @param listener receives remote configuration events
     * @param scheduler runs RPC timeouts
     * @param rpcTimeout the RPC timeout (cloudflared: 5 s)
     */
    public TunnelEdgeSessions(
            Map<TransportProtocol, EdgeDialer> dialers,
            String accountTag,
            TunnelSecret secret,
            UUID tunnelId,
            ClientInfo clientInfo,
            RulesHolder rules,
            DataStreamHandler handler,
            Supplier<String> localConfiguration,
            ConnectorListener listener,
            ScheduledExecutorService scheduler,
            Duration rpcTimeout) {
        this.dialers = Map.copyOf(dialers);
        this.accountTag = accountTag;
        this.secret = secret;
        this.tunnelId = tunnelId;
        this.clientInfo = clientInfo;
        this.rules = rules;
        this.handler = handler;
        this.localConfiguration = localConfiguration;
        this.listener = listener;
        this.scheduler = scheduler;
        this.rpcTimeout = rpcTimeout;
    }

    @Override
    public CompletableFuture<EdgeSession> open(SessionRequest request) {
        return dial(request.edge(), request.protocol()).thenCompose((connection) -> register(request, connection));
    }

    @Override
    public CompletableFuture<Void> probe(InetSocketAddress edge, TransportProtocol protocol) {
        return dial(edge, protocol).thenCompose((connection) -> connection.close(0, ""));
    }

    private CompletableFuture<TunnelConnection> dial(InetSocketAddress edge, TransportProtocol protocol) {
        EdgeDialer dialer = this.dialers.get(protocol);
        if (dialer == null) {
            return CompletableFuture.failedFuture(new SessionException(
                    new ConnectionFailure(
                            ConnectionFailure.Kind.DIAL, "no " + protocol + " dialer is configured for this connector"),
                    null));
        }
        return dialer.dial(edge).handle((connection, error) -> {
            if (error != null) {
                throw new SessionException(dialFailure(protocol, unwrap(error)), unwrap(error));
            }
            return connection;
        });
    }

    private CompletableFuture<EdgeSession> register(SessionRequest request, TunnelConnection connection) {
        CloudflaredServer server = new CloudflaredServer(this.rules, this.listener);
        ServedSession session = new ServedSession(
                request.connIndex(), connection, this.rules, this.handler, server, this.scheduler, this.rpcTimeout);
        connection.setIncomingStreamHandler(session::accept);
        CompletableFuture<EdgeSession> registered = connection
                .controlStream()
                .handle((stream, error) -> {
                    if (error != null) {
                        throw new SessionException(
                                new ConnectionFailure(
                                        ConnectionFailure.Kind.CONTROL_STREAM,
                                        "could not open the control stream: "
                                                + unwrap(error).getMessage()),
                                unwrap(error));
                    }
                    return stream;
                })
                .thenCompose((stream) -> registerOn(stream, request, connection, session));
        registered.whenComplete((ignored, error) -> {
            if (error != null) {
                connection.close(0, "");
            }
        });
        return registered;
    }

    private CompletableFuture<EdgeSession> registerOn(
            TunnelStream stream, SessionRequest request, TunnelConnection connection, ServedSession session) {
        StreamRpcTransport transport = StreamRpcTransport.direct(stream);
        RpcConnection rpc = RpcConnection.builder("conn " + request.connIndex() + " control")
                .scheduler(this.scheduler)
                .callTimeout(this.rpcTimeout)
                .build(transport);
        transport.start(rpc);
        ControlClient control = new ControlClient(rpc);
        RegisterConnection.Params params = new RegisterConnection.Params(
                new TunnelAuth(this.accountTag, this.secret),
                this.tunnelId,
                request.connIndex(),
                new ConnectionOptions(
                        this.clientInfo,
                        originLocalIp(connection),
                        false,
                        0,
                        Math.min(request.previousAttempts(), 255)));
        return control.register(params, this.rpcTimeout)
                .whenComplete((details, error) -> {
                    if (error != null) {
                        control.close();
                    }
                })
                .thenApply((details) -> {
                    ConnectionInfo info = new ConnectionInfo(
                            request.connIndex(),
                            details.uuid(),
                            details.locationName(),
                            request.protocol(),
                            request.edge(),
                            details.tunnelIsRemotelyManaged());
                    session.registered(control, info);
                    if (request.connIndex() == 0 && !details.tunnelIsRemotelyManaged()) {
                        pushLocalConfiguration(control, details);
                    }
                    return session;
                });
    }

    private void pushLocalConfiguration(ControlClient control, ConnectionDetails details) {
        byte[] json = this.localConfiguration.get().getBytes(StandardCharsets.UTF_8);
        control.updateLocalConfiguration(json, this.rpcTimeout).whenComplete((ignored, error) -> {
            if (error != null) {
                logger.warn(
                        "conn 0: updateLocalConfiguration failed: {}",
                        unwrap(error).getMessage());
            } else {
                logger.debug(
                        "conn 0: pushed the local configuration ({} bytes) to {}", json.length, details.locationName());
            }
        });
    }

    /**
     * The {@code originLocalIp} cloudflared sends (protocol doc 4.5): on QUIC the edge's own address, on HTTP/2 the
     * local address of the socket.
     */
    static InetAddress originLocalIp(TunnelConnection connection) {
        InetSocketAddress address = (connection.protocol() == TransportProtocol.QUIC)
                ? connection.remoteAddress()
                : connection.localAddress();
        return address.getAddress();
    }

    static ConnectionFailure dialFailure(TransportProtocol protocol, Throwable error) {
        String message = String.valueOf(error.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        boolean quicBroken = protocol == TransportProtocol.QUIC
                && (lower.contains("operation not permitted")
                        || lower.contains("idle")
                        || lower.contains("timed out")
                        || lower.contains("timeout"));
        ConnectionFailure.Kind kind = quicBroken ? ConnectionFailure.Kind.QUIC_BROKEN : ConnectionFailure.Kind.DIAL;
        return new ConnectionFailure(kind, "failed to dial the edge over " + protocol + ": " + message);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
