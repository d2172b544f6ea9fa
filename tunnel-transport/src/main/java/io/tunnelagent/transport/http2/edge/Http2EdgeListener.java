package io.tunnelagent.transport.http2.edge;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.tunnelagent.transport.EdgeListener;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.http2.channel.Http2Options;
import io.tunnelagent.transport.http2.channel.Http2Pipelines;
import io.tunnelagent.transport.http2.channel.Http2Session;
import io.tunnelagent.transport.http2.channel.Http2Tls;
import io.tunnelagent.transport.tls.EdgeCertificate;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connectors over HTTP/2 in the edge role (protocol doc 5.1): TLS server without ALPN, then HTTP/2 client
 * that sends its preface and SETTINGS at once (cloudflared gives up after 10 s without them). Every connection it
 * hands out is a {@link ConfigurationPusher}.
 *
 * <p>TLS runs on BoringSSL (netty-tcnative) where it loads, which negotiates X25519MLKEM768 and so accepts
 * {@code cloudflared --post-quantum}; otherwise on the JDK, which reaches P-256 through a HelloRetryRequest.
 *
 * <p>The socket binds with {@code SO_REUSEADDR}, so an edge restarted right after closing can bind the same port
 * while connections of the old one are in TIME_WAIT.
 */
public final class Http2EdgeListener implements EdgeListener {

    private static final Logger log = LoggerFactory.getLogger(Http2EdgeListener.class);

    private final Channel server;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final SslContext sslContext;
    private final Http2Options options;
    private final int handshakeTimeoutMillis;
    private volatile @Nullable Consumer<TunnelConnection> handler;

    private Http2EdgeListener(Builder builder) {
        this.sslContext = Objects.requireNonNull(builder.sslContext, "certificate");
        this.options = builder.options;
        this.handshakeTimeoutMillis = (int) builder.handshakeTimeout.toMillis();
        EventLoopGroup given = builder.group;
        this.ownsGroup = given == null;
        this.group = given != null ? given : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            this.server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            accept(channel);
                        }
                    })
                    .bind(builder.address)
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException ex) {
            if (ownsGroup) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw new TransportException(
                    "Could not listen for HTTP/2 connectors on " + builder.address + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private void accept(Channel channel) {
        SslHandler tls = sslContext.newHandler(channel.alloc());
        tls.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        channel.pipeline().addLast("tls", tls);
        Http2Pipelines.addHandshakeGuard(channel);
        tls.handshakeFuture().addListener(handshake -> {
            if (!handshake.isSuccess()) {
                log.debug(
                        "[{}] TLS handshake with connector {} failed: {}",
                        channel.id(),
                        channel.remoteAddress(),
                        handshake.cause().getMessage());
                channel.close();
                return;
            }
            Http2Session session = new Http2Session(channel);
            EdgeConnection connection = new EdgeConnection(channel, session);
            Http2Pipelines.install(channel, false, options, session, new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel pushed) {
                    pushed.close();
                }
            });
            Consumer<TunnelConnection> current = handler;
            if (current == null) {
                log.warn(
                        "[{}] No connection handler set; closing the connection from {}",
                        channel.id(),
                        channel.remoteAddress());
                session.close(0, "edge not ready");
                return;
            }
            log.debug("[{}] HTTP/2 connector connection from {} established", channel.id(), channel.remoteAddress());
            current.accept(connection);
        });
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.HTTP2;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void setConnectionHandler(Consumer<TunnelConnection> handler) {
        this.handler = handler;
    }

    /**
     * Closes the listening socket. Established connections stay open; an event loop group this listener created
     * keeps running them and is shut down by {@link #shutdown()}.
     *
     * @return completes when the socket is closed
     */
    @Override
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        server.close().addListener(f -> result.complete(null));
        return result;
    }

    /**
     * Closes the listening socket and every connection, and shuts down the event loop group if this listener
     * created it.
     *
     * @return completes when everything is stopped
     */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        closeAsync().thenRun(() -> {
            if (ownsGroup) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).addListener(f -> result.complete(null));
            } else {
                result.complete(null);
            }
        });
        return result;
    }

    /** Configures and binds an {@link Http2EdgeListener}. */
    public static final class Builder {

        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        private @Nullable SslContext sslContext;
        private Http2Options options = Http2Options.defaults();
        private Duration handshakeTimeout = Duration.ofSeconds(15);
        private @Nullable EventLoopGroup group;

        private Builder() {}

        /**
         * The address to listen on; {@code 127.0.0.1:0} by default.
         *
         * @param address the address
         * @return this builder
         */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * The edge certificate (valid for {@code h2.cftunnel.com}) and its key, on the preferred TLS provider.
         *
         * @param key the private key
         * @param chain the certificate chain, leaf first
         * @return this builder
         */
        public Builder certificate(PrivateKey key, List<X509Certificate> chain) {
            return certificate(EdgeCertificate.of(key, chain), Http2Tls.preferredProvider());
        }

        /**
         * The edge certificate and its key on a chosen TLS provider.
         *
         * @param key the private key
         * @param chain the certificate chain, leaf first
         * @param provider {@code OPENSSL} (BoringSSL, post-quantum key exchange) or {@code JDK}
         * @return this builder
         */
        public Builder certificate(PrivateKey key, List<X509Certificate> chain, SslProvider provider) {
            return certificate(EdgeCertificate.of(key, chain), provider);
        }

        /**
         * The edge certificate (for instance {@link EdgeCertificate#fromPem}) on a chosen TLS provider.
         *
         * @param certificate the chain and key
         * @param provider {@code OPENSSL} (BoringSSL, post-quantum key exchange) or {@code JDK}
         * @return this builder
         */
        public Builder certificate(EdgeCertificate certificate, SslProvider provider) {
            this.sslContext = Http2Tls.server(certificate, provider);
            return this;
        }

        /**
         * A ready TLS context, for settings the other methods do not cover.
         *
         * @param sslContext the server context; it must not require ALPN
         * @return this builder
         */
        public Builder sslContext(SslContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
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
         * How long a connector may take for the TLS handshake; 15 s by default.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The event loop group for the listening socket and its connections; by default a one-thread group of the
         * listener's own.
         *
         * @param group the group, not shut down by the listener
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = group;
            return this;
        }

        /**
         * Binds the listener.
         *
         * @return the bound listener
         * @throws TransportException if the address cannot be bound or no certificate was configured
         */
        public Http2EdgeListener bind() {
            if (sslContext == null) {
                throw new TransportException(
                        "The HTTP/2 edge listener needs a certificate and key: call certificate()");
            }
            return new Http2EdgeListener(this);
        }
    }
}
