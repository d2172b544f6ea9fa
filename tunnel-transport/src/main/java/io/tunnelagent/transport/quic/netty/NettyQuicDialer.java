package io.tunnelagent.transport.quic.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.BoringSSLContextOption;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.TunnelRole;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.tls.EdgeTrust;
import io.tunnelagent.transport.tls.KeyExchangeGroups;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's QUIC dialer on Netty QUIC: SNI {@code quic.cftunnel.com} and that name verified in the edge's
 * certificate against {@link EdgeTrust}, ALPN {@code argotunnel}, datagrams on, the windows, timeouts and
 * keep-alive of {@link QuicSettings}. Each dial binds its own UDP socket, closed with the connection.
 *
 * <p>Event loops: pass a group to share it (the caller shuts it down), or none and the dialer creates one thread
 * of its own, which {@link #close()} shuts down, ending the connections it carries.
 */
public final class NettyQuicDialer implements EdgeDialer {

    private static final Logger log = LoggerFactory.getLogger(NettyQuicDialer.class);
    private static final int DATAGRAM_QUEUE = 1024;

    private final QuicSslContext sslContext;
    private final QuicSettings settings;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final EdgeTrust trust;

    private NettyQuicDialer(EdgeTrust trust, QuicSettings settings, @Nullable EventLoopGroup group) {
        this.trust = trust;
        this.settings = settings;
        this.sslContext = QuicSslContextBuilder.forClient()
                .trustManager(trust.trustManager(EdgeTrust.QUIC_SERVER_NAME))
                .applicationProtocols(QuicSettings.ALPN)
                .option(
                        BoringSSLContextOption.GROUPS,
                        KeyExchangeGroups.forConnector(settings.postQuantumStrict())
                                .toArray(String[]::new))
                .build();
        this.ownsGroup = group == null;
        this.group = group != null ? group : EventLoops.newGroup("quic-dialer", 1);
    }

    /**
     * Creates a dialer.
     *
     * @param trust the roots that verify the edge
     * @param settings the QUIC settings, usually {@link QuicSettings#connector()}
     * @param group the event loops to run on, or null to create (and own) one
     * @return the dialer
     */
    public static NettyQuicDialer create(EdgeTrust trust, QuicSettings settings, @Nullable EventLoopGroup group) {
        return new NettyQuicDialer(trust, settings, group);
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.QUIC;
    }

    @Override
    public CompletableFuture<TunnelConnection> dial(InetSocketAddress edge) {
        CompletableFuture<TunnelConnection> result = new CompletableFuture<>();
        if (edge.isUnresolved()) {
            result.completeExceptionally(new TransportException("Edge address " + edge + " is not resolved"));
            return result;
        }
        boolean ipv6 = edge.getAddress() instanceof Inet6Address;
        ChannelFuture bound = EventLoops.datagramBootstrap(group, settings.socketBufferSize())
                .handler(codec(settings.udpPayloadSize(ipv6)))
                .bind(new InetSocketAddress(ipv6 ? "::" : "0.0.0.0", 0));
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new TransportException(
                        "Cannot bind a UDP socket to dial " + edge + ": " + f.cause(), f.cause()));
                return;
            }
            connect(bound.channel(), edge, result);
        });
        return result;
    }

    private io.netty.channel.ChannelHandler codec(int udpPayloadSize) {
        return new QuicClientCodecBuilder()
                .sslContext(sslContext)
                .sslEngineProvider(quic -> sslContext.newEngine(quic.alloc(), EdgeTrust.QUIC_SERVER_NAME, 7844))
                .maxIdleTimeout(settings.maxIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(settings.connectionWindow())
                .initialMaxStreamDataBidirectionalLocal(settings.streamWindow())
                .initialMaxStreamDataBidirectionalRemote(settings.streamWindow())
                .initialMaxStreamDataUnidirectional(0)
                .initialMaxStreamsBidirectional(settings.maxIncomingStreams())
                .initialMaxStreamsUnidirectional(0)
                .maxSendUdpPayloadSize(udpPayloadSize)
                .maxRecvUdpPayloadSize(65527)
                .datagram(DATAGRAM_QUEUE, DATAGRAM_QUEUE)
                .build();
    }

    private void connect(Channel socket, InetSocketAddress edge, CompletableFuture<TunnelConnection> result) {
        Future<QuicChannel> connecting = QuicChannel.newBootstrap(socket)
                .handler(new ConnectionEvents(
                        quic -> new NettyQuicConnection(quic, TunnelRole.CONNECTOR, settings, socket)))
                .streamHandler(PeerStreams.INSTANCE)
                .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .remoteAddress(edge)
                .connect();
        long timeoutNanos = settings.handshakeTimeout().toNanos();
        ScheduledFuture<?> timeout = socket.eventLoop()
                .schedule(
                        () -> {
                            if (connecting.cancel(false) || !connecting.isDone()) {
                                fail(socket, result, DialFailures.timeout(edge, settings.handshakeTimeout()));
                            }
                        },
                        timeoutNanos,
                        TimeUnit.NANOSECONDS);
        connecting.addListener(f -> {
            timeout.cancel(false);
            if (f.isCancelled()) {
                fail(socket, result, DialFailures.timeout(edge, settings.handshakeTimeout()));
                return;
            }
            if (!f.isSuccess()) {
                fail(socket, result, DialFailures.of(edge, f.cause(), trust));
                return;
            }
            QuicChannel quic = connecting.getNow();
            String alpn = quic.sslEngine() == null ? null : quic.sslEngine().getApplicationProtocol();
            if (!QuicSettings.ALPN.equals(alpn)) {
                quic.close();
                fail(socket, result, DialFailures.wrongAlpn(edge, alpn));
                return;
            }
            ConnectionEvents events = quic.pipeline().get(ConnectionEvents.class);
            if (events == null || !quic.isActive()) {
                fail(socket, result, new TransportException("QUIC connection to " + edge + " closed during setup"));
                return;
            }
            NettyQuicConnection connection = events.establish(quic);
            log.debug("QUIC connection to {} established from {}", edge, quic.localSocketAddress());
            // complete after the handshake's events (the datagram limit) have gone through the pipeline
            quic.eventLoop().execute(() -> result.complete(connection));
        });
    }

    private static void fail(Channel socket, CompletableFuture<TunnelConnection> result, TransportException failure) {
        socket.close();
        result.completeExceptionally(failure);
    }

    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "NettyQuicDialer[" + trust + "]";
    }
}
