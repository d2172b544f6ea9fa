package io.tunnelagent.transport.http2.connector;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.http2.channel.Http2Options;
import io.tunnelagent.transport.http2.channel.Http2Pipelines;
import io.tunnelagent.transport.http2.channel.Http2Session;
import io.tunnelagent.transport.http2.channel.Http2Tls;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials an edge over HTTP/2 in the connector role (protocol doc 5.1): TCP, then TLS with SNI
 * {@code h2.cftunnel.com} verified against the configured roots and no ALPN, within one dial deadline (15 s); then
 * serves the edge's HTTP/2 requests as tunnel streams with cloudflared's settings.
 *
 * <pre>{@code
 * try (Http2EdgeDialer dialer = Http2EdgeDialer.builder().trust(EdgeTrust.fromCaBundle(caPem)).build()) {
 *     TunnelConnection connection = dialer.dial(new InetSocketAddress(edgeIp, 7844)).join();
 * }
 * }</pre>
 */
public final class Http2EdgeDialer implements EdgeDialer {

    /** The TLS server name of HTTP/2 edges. */
    public static final String SERVER_NAME = EdgeTrust.HTTP2_SERVER_NAME;

    private static final Logger log = LoggerFactory.getLogger(Http2EdgeDialer.class);

    private final SslContext sslContext;
    private final String serverName;
    private final Duration dialTimeout;
    private final Http2Options options;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final AtomicInteger openConnections = new AtomicInteger();
    private volatile boolean closed;

    private Http2EdgeDialer(Builder builder) {
        EdgeTrust trust = builder.trust != null ? builder.trust : EdgeTrust.defaults();
        this.sslContext = Http2Tls.client(trust, builder.serverName, builder.provider);
        this.serverName = builder.serverName;
        this.dialTimeout = builder.dialTimeout;
        this.options = builder.options;
        EventLoopGroup given = builder.group;
        this.ownsGroup = given == null;
        this.group = given != null ? given : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.HTTP2;
    }

    @Override
    public CompletableFuture<TunnelConnection> dial(InetSocketAddress edge) {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException("This HTTP/2 dialer is closed"));
        }
        CompletableFuture<TunnelConnection> result = new CompletableFuture<>();
        CompletableFuture<Throwable> handshakeFailed = new CompletableFuture<>();
        int timeoutMillis = (int) dialTimeout.toMillis();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        SslHandler tls = sslContext.newHandler(channel.alloc(), serverName, edge.getPort());
                        tls.setHandshakeTimeoutMillis(timeoutMillis);
                        channel.pipeline().addLast("tls", tls);
                        Http2Pipelines.addHandshakeGuard(channel);
                        // Listen here, on the event loop and before connecting: HTTP/2 must be installed the moment
                        // the handshake completes, because the edge sends its preface right after its own handshake
                        // and bytes read before the codec is there are lost.
                        tls.handshakeFuture().addListener(handshake -> {
                            if (handshake.isSuccess()) {
                                established(channel, result);
                            } else {
                                handshakeFailed.complete(handshake.cause());
                            }
                        });
                    }
                });
        ChannelFuture connect = bootstrap.connect(edge);
        Channel channel = connect.channel();
        channel.eventLoop()
                .schedule(
                        () -> {
                            if (result.completeExceptionally(new TransportException("Dialing the edge at " + edge
                                    + " over HTTP/2 did not complete within " + dialTimeout.toMillis()
                                    + " ms; check that TCP port "
                                    + edge.getPort() + " is reachable"))) {
                                channel.close();
                            }
                        },
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new TransportException(
                        "Could not connect to the edge at " + edge
                                + ": " + f.cause().getMessage() + "; check the address and that TCP port "
                                + edge.getPort()
                                + " is reachable",
                        f.cause()));
                return;
            }
            handshakeFailed.thenAccept(cause -> {
                result.completeExceptionally(handshakeFailure(edge, cause));
                channel.close();
            });
        });
        return result;
    }

    private void established(Channel channel, CompletableFuture<TunnelConnection> result) {
        if (result.isDone()) {
            channel.close();
            return;
        }
        Http2Session session = new Http2Session(channel);
        ConnectorConnection connection = new ConnectorConnection(channel, session);
        Http2Pipelines.install(channel, true, options, session, new IncomingRequests(connection));
        openConnections.incrementAndGet();
        session.closeFuture().thenRun(this::connectionEnded);
        log.debug("[{}] HTTP/2 connection to the edge {} established", channel.id(), channel.remoteAddress());
        if (!result.complete(connection)) {
            channel.close();
        }
    }

    private TransportException handshakeFailure(InetSocketAddress edge, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && !(root instanceof NotSslRecordException)) {
            root = root.getCause();
        }
        if (root instanceof NotSslRecordException || cause instanceof NotSslRecordException) {
            return new TransportException(
                    "TLS handshake with the edge at " + edge + " failed: the peer did not answer"
                            + " with TLS (is it a plaintext server?); check the edge address and port",
                    cause);
        }
        return new TransportException(
                "TLS handshake with the edge at " + edge + " failed: " + root.getMessage()
                        + "; the edge certificate must be valid for " + serverName
                        + " and chain to one of the configured root certificates",
                cause);
    }

    private void connectionEnded() {
        if (openConnections.decrementAndGet() == 0 && closed && ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Stops dialing. Established connections stay open; an event loop group this dialer created is shut down once
     * the last of them has closed.
     */
    @Override
    public void close() {
        closed = true;
        if (ownsGroup && openConnections.get() == 0) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Configures an {@link Http2EdgeDialer}. */
    public static final class Builder {

        private @Nullable EdgeTrust trust;
        private String serverName = SERVER_NAME;
        private Duration dialTimeout = Duration.ofSeconds(15);
        private Http2Options options = Http2Options.defaults();
        private @Nullable SslProvider provider;
        private @Nullable EventLoopGroup group;

        private Builder() {}

        /**
         * The roots the edge's certificate must chain to; {@link EdgeTrust#defaults()} (the JDK's roots plus
         * Cloudflare's origin roots) unless set, {@link EdgeTrust#fromCaBundle} for a local edge.
         *
         * @param trust the roots
         * @return this builder
         */
        public Builder trust(EdgeTrust trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * Trusts only the given roots, like {@code cloudflared --cacert}.
         *
         * @param roots the roots
         * @return this builder
         */
        public Builder trustedRoots(List<X509Certificate> roots) {
            return trust(EdgeTrust.of(roots));
        }

        /**
         * The TLS server name sent and verified; {@value #SERVER_NAME} unless a test edge needs another.
         *
         * @param serverName the name
         * @return this builder
         */
        public Builder serverName(String serverName) {
            this.serverName = Objects.requireNonNull(serverName, "serverName");
            return this;
        }

        /**
         * The deadline for TCP connect plus TLS handshake; 15 s like cloudflared.
         *
         * @param dialTimeout the deadline
         * @return this builder
         */
        public Builder dialTimeout(Duration dialTimeout) {
            this.dialTimeout = Objects.requireNonNull(dialTimeout, "dialTimeout");
            return this;
        }

        /**
         * The HTTP/2 settings and liveness check.
         *
         * @param options the options
         * @return this builder
         */
        public Builder options(Http2Options options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The TLS provider; by default BoringSSL where it loads, else the JDK.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder sslProvider(SslProvider provider) {
            this.provider = provider;
            return this;
        }

        /**
         * The event loop group to run connections on; by default the dialer creates a one-thread group of its own.
         *
         * @param group the group, not shut down by the dialer
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = group;
            return this;
        }

        /**
         * Builds the dialer.
         *
         * @return the dialer
         * @throws TransportException if the TLS context cannot be built
         */
        public Http2EdgeDialer build() {
            return new Http2EdgeDialer(this);
        }
    }
}
