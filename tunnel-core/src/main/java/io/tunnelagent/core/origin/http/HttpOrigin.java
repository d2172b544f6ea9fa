package io.tunnelagent.core.origin.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.origin.OriginErrors;
import io.tunnelagent.core.origin.OriginRequest;
import io.tunnelagent.core.origin.OriginService;
import io.tunnelagent.core.origin.StreamExchange;
import io.tunnelagent.core.origin.tcp.TcpDialer;
import io.tunnelagent.protocol.stream.ConnectionType;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP origin ({@code http}, {@code https}, {@code ws}, {@code wss}, {@code unix:}, {@code unix+tls:}, and the
 * built-in hello-world server) on pooled HTTP/1.1 connections, or, with {@code http2Origin} and TLS, on multiplexed
 * HTTP/2 connections when the origin's ALPN accepts {@code h2} (WebSocket requests stay on HTTP/1.1). Honours {@code connectTimeout}, {@code tlsTimeout},
 * {@code tcpKeepAlive}, {@code keepAliveConnections}, {@code keepAliveTimeout}, {@code httpHostHeader},
 * {@code originServerName}, {@code matchSNItoHost}, {@code caPool}, {@code noTLSVerify} and
 * {@code disableChunkedEncoding}. Thread-safe; {@link #close()} closes the idle connections.
 */
public final class HttpOrigin implements OriginService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpOrigin.class);

    private final TcpDialer dialer;
    private final Target target;
    private final OriginRequestConfig config;
    private final Map<String, String> tags;
    private final @Nullable OriginTls tls;
    private final ConnectionPool pool;
    private final @Nullable Http2Connections http2;
    private final ProxyEnvironment.@Nullable Proxy proxy;

    private HttpOrigin(
            TcpDialer dialer,
            Target target,
            OriginRequestConfig config,
            Map<String, String> tags,
            List<X509Certificate> extraTrust,
            ProxyEnvironment proxies) {
        this.dialer = dialer;
        this.target = target;
        this.config = config;
        this.tags = Map.copyOf(tags);
        this.proxy = target.unixPath() == null ? proxies.proxyFor(target.tls(), target.host(), target.port()) : null;
        this.tls = target.tls() ? OriginTls.create(config, extraTrust) : null;
        this.pool = new ConnectionPool(config.keepAliveConnections(), config.keepAliveTimeout());
        this.http2 =
                this.tls != null && this.tls.offersHttp2() ? new Http2Connections(config.keepAliveTimeout()) : null;
    }

    /**
     * Creates an origin.
     *
     * @param dialer the dialer on the shared event loop group
     * @param target where the origin listens
     * @param config the rule's resolved settings
     * @param tags the {@code Cf-Warp-Tag-*} headers to add ({@code Id} = the connector ID)
     * @param extraTrust CA certificates trusted besides the JDK's and {@code caPool}
     * @param proxies the forward proxies from the environment
     * @return the origin
     */
    public static HttpOrigin create(
            TcpDialer dialer,
            Target target,
            OriginRequestConfig config,
            Map<String, String> tags,
            List<X509Certificate> extraTrust,
            ProxyEnvironment proxies) {
        return new HttpOrigin(dialer, target, config, tags, extraTrust, proxies);
    }

    @Override
    public void serve(StreamExchange exchange) {
        OriginRequest request = exchange.http();
        OriginRequestWriter.Prepared prepared = OriginRequestWriter.prepare(request, this.config, this.tags);
        ProxyEnvironment.Proxy forward = this.proxy;
        if (forward != null && this.tls == null) {
            String host = this.target.host().contains(":") ? "[" + this.target.host() + "]" : this.target.host();
            prepared.head()
                    .setUri("http://" + host + ":" + this.target.port()
                            + prepared.head().uri());
            if (forward.authorization() != null) {
                prepared.head().headers().set("Proxy-Authorization", forward.authorization());
            }
        }
        String serverName = serverName(request);
        String key = serverName == null ? "" : serverName;
        Channel pooled = this.pool.poll(key);
        CompletableFuture<Channel> connection;
        Http2Connections multiplexed = this.http2;
        if (pooled != null) {
            connection = CompletableFuture.completedFuture(pooled);
        } else if (multiplexed != null && request.type() != ConnectionType.WEBSOCKET) {
            connection = multiplexed.acquire(key, name -> dial(name, true));
        } else {
            connection = dial(key, false);
        }
        connection.whenComplete((channel, error) -> {
            if (error != null) {
                exchange.fail(error);
            } else if (exchange.isEnded()) {
                channel.close();
            } else {
                log.debug(
                        "[stream {}] {} {} via {}",
                        exchange.stream().id(),
                        request.method(),
                        request.target(),
                        channel);
                Runnable release =
                        channel instanceof Http2StreamChannel ? channel::close : () -> this.pool.release(key, channel);
                HttpExchange.start(exchange, channel, prepared, release);
            }
        });
    }

    /** Closes the idle connections and the HTTP/2 connections; HTTP/1.1 connections in use close after their use. */
    @Override
    public void close() {
        this.pool.close();
        Http2Connections multiplexed = this.http2;
        if (multiplexed != null) {
            multiplexed.close();
        }
    }

    /** The number of open HTTP/2 connections. */
    int http2Connections() {
        Http2Connections multiplexed = this.http2;
        return multiplexed == null ? 0 : multiplexed.connectionCount();
    }

    /** The number of idle pooled connections. */
    int idleConnections() {
        return this.pool.idleCount();
    }

    private @Nullable String serverName(OriginRequest request) {
        if (this.tls == null) {
            return null;
        }
        if (this.target.fixedServerName() != null) {
            return this.target.fixedServerName();
        }
        if (!this.config.originServerName().isEmpty()) {
            return this.config.originServerName();
        }
        if (this.config.matchSniToHost()) {
            String host = this.config.httpHostHeader().isEmpty()
                    ? request.hostname()
                    : hostOnly(this.config.httpHostHeader());
            if (!host.isEmpty()) {
                return host;
            }
        }
        return this.target.unixPath() != null ? request.hostname() : this.target.host();
    }

    /**
     * Dials a connection ready for requests: with an HTTP/1.1 codec, or (TLS with ALPN {@code h2}, only when
     * {@code offerHttp2}) as an HTTP/2 connection.
     */
    private CompletableFuture<Channel> dial(String key, boolean offerHttp2) {
        ChannelInboundHandlerAdapter placeholder = new ChannelInboundHandlerAdapter();
        ProxyEnvironment.Proxy forward = this.proxy;
        CompletableFuture<Channel> connected;
        if (this.target.unixPath() != null) {
            connected = this.dialer.dialUnix(this.target.unixPath(), this.config.connectTimeout(), placeholder);
        } else if (forward != null) {
            connected = this.dialer
                    .dialTcp(
                            forward.host(),
                            forward.port(),
                            this.config.connectTimeout(),
                            this.config.tcpKeepAlive(),
                            placeholder)
                    .exceptionallyCompose(HttpOrigin::proxyConnectFailed);
        } else {
            connected = this.dialer.dialTcp(
                    this.target.host(),
                    this.target.port(),
                    this.config.connectTimeout(),
                    this.config.tcpKeepAlive(),
                    placeholder);
        }
        return connected.thenCompose(channel -> {
            channel.closeFuture().addListener(f -> this.pool.forget(key, channel));
            channel.pipeline().remove(placeholder);
            OriginTls context = this.tls;
            if (context == null) {
                channel.pipeline().addLast("origin-codec", new HttpClientCodec());
                return CompletableFuture.completedFuture(channel);
            }
            if (forward != null) {
                return ProxyTunnel.open(channel, this.target.host(), this.target.port(), forward)
                        .thenCompose(tunnel -> handshake(tunnel, context, key, offerHttp2));
            }
            return handshake(channel, context, key, offerHttp2);
        });
    }

    private static CompletableFuture<Channel> proxyConnectFailed(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        String text = OriginErrors.describe(cause);
        String prefix = OriginErrors.UNREACHABLE + ": ";
        if (text.startsWith(prefix)) {
            text = prefix + "proxyconnect tcp: " + text.substring(prefix.length());
        }
        return CompletableFuture.failedFuture(new io.tunnelagent.core.origin.OriginException(text, cause));
    }

    /**
     * Runs the TLS handshake; the protocol handlers are installed from the handshake listener, on the event loop,
     * before anything the origin sends after the handshake (an HTTP/2 origin's SETTINGS) is read.
     */
    private CompletableFuture<Channel> handshake(
            Channel channel, OriginTls context, String serverName, boolean offerHttp2) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        int port = this.target.port();
        SslHandler ssl = context.newHandler(channel.alloc(), serverName, port, offerHttp2);
        channel.eventLoop().execute(() -> {
            channel.pipeline().addLast("origin-tls", ssl);
            channel.read();
        });
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                if (ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
                    Http2Connections.install(channel);
                } else {
                    channel.pipeline().addLast("origin-codec", new HttpClientCodec());
                }
                result.complete(channel);
            } else {
                channel.close();
                result.completeExceptionally(
                        new io.tunnelagent.core.origin.OriginException(OriginErrors.describe(f.cause()), f.cause()));
            }
        });
        return result;
    }

    private static String hostOnly(String host) {
        return io.tunnelagent.core.ingress.service.GoUrl.parse("//" + host).hostname();
    }

    /**
     * Where an HTTP origin listens.
     *
     * @param host the host name or IP literal (ignored for Unix sockets)
     * @param port the port (ignored for Unix sockets)
     * @param unixPath the Unix socket path, or {@code null} for TCP
     * @param tls whether TLS is used
     * @param fixedServerName a TLS server name that overrides the rule's (the hello-world server's), or {@code null}
     */
    public record Target(
            String host,
            int port,
            @Nullable String unixPath,
            boolean tls,
            @Nullable String fixedServerName) {

        /**
         * A TCP target.
         *
         * @param host the host
         * @param port the port
         * @param tls whether TLS is used
         * @return the target
         */
        public static Target tcp(String host, int port, boolean tls) {
            return new Target(host, port, null, tls, null);
        }

        /**
         * A Unix socket target.
         *
         * @param path the socket path
         * @param tls whether TLS is used
         * @return the target
         */
        public static Target unix(String path, boolean tls) {
            return new Target("", 0, path, tls, null);
        }

        /**
         * The address, for logs.
         *
         * @return the address text
         */
        public String describe() {
            return this.unixPath != null
                    ? this.unixPath
                    : OriginErrors.format(InetSocketAddress.createUnresolved(this.host, this.port));
        }
    }
}
