package io.tunnelagent.transport.quic.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.BoringSSLContextOption;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.tunnelagent.transport.EdgeListener;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.TunnelRole;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.tls.EdgeCertificate;
import io.tunnelagent.transport.tls.KeyExchangeGroups;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's QUIC listener on Netty QUIC: one UDP socket, the edge certificate, ALPN {@code argotunnel}, BoringSSL
 * groups X25519MLKEM768, P-256 and X25519 (what {@code cloudflared}, its {@code --post-quantum} mode and Kwik need),
 * datagrams on. The first stream a connector opens is its control stream; later ones must carry the RPC signature.
 *
 * <p>Event loops: pass a group to share it (the caller shuts it down), or none and the listener creates one thread
 * of its own, which {@link #closeAsync()} shuts down, ending the connections it carries.
 */
public final class NettyQuicListener implements EdgeListener {

    private static final Logger log = LoggerFactory.getLogger(NettyQuicListener.class);
    private static final int DATAGRAM_QUEUE = 1024;

    private final Channel socket;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private volatile @Nullable Consumer<TunnelConnection> handler;

    private NettyQuicListener(Channel socket, EventLoopGroup group, boolean ownsGroup) {
        this.socket = socket;
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    /**
     * Binds a listener.
     *
     * @param address the UDP address (port 0 for an ephemeral port)
     * @param certificate the edge's certificate and key
     * @param settings the QUIC settings, usually {@link QuicSettings#edge()}
     * @param group the event loops to run on, or null to create (and own) one
     * @return the bound listener
     * @throws TransportException if the address cannot be bound or the certificate is not usable
     */
    public static NettyQuicListener bind(
            InetSocketAddress address,
            EdgeCertificate certificate,
            QuicSettings settings,
            @Nullable EventLoopGroup group) {
        return bind(address, certificate, settings, group, QuicSettings.ALPN);
    }

    static NettyQuicListener bind(
            InetSocketAddress address,
            EdgeCertificate certificate,
            QuicSettings settings,
            @Nullable EventLoopGroup group,
            String alpn) {
        QuicSslContext ssl;
        try {
            ssl = QuicSslContextBuilder.forServer(
                            certificate.privateKey(), null, certificate.chain().toArray(X509Certificate[]::new))
                    .applicationProtocols(alpn)
                    .option(BoringSSLContextOption.GROUPS, KeyExchangeGroups.EDGE.toArray(String[]::new))
                    .build();
        } catch (RuntimeException ex) {
            throw new TransportException("Cannot use edge certificate " + certificate + " for QUIC: " + ex, ex);
        }
        EventLoopGroup loops = group != null ? group : EventLoops.newGroup("quic-edge", 1);
        NettyQuicListener[] self = new NettyQuicListener[1];
        io.netty.channel.ChannelHandler codec = new QuicServerCodecBuilder()
                .sslContext(ssl)
                .maxIdleTimeout(settings.maxIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(settings.connectionWindow())
                .initialMaxStreamDataBidirectionalLocal(settings.streamWindow())
                .initialMaxStreamDataBidirectionalRemote(settings.streamWindow())
                .initialMaxStreamDataUnidirectional(0)
                .initialMaxStreamsBidirectional(settings.maxIncomingStreams())
                .initialMaxStreamsUnidirectional(0)
                .maxSendUdpPayloadSize(settings.udpPayloadSize(address.getAddress() instanceof java.net.Inet6Address))
                .maxRecvUdpPayloadSize(65527)
                .datagram(DATAGRAM_QUEUE, DATAGRAM_QUEUE)
                .handler(new io.netty.channel.ChannelInitializer<io.netty.handler.codec.quic.QuicChannel>() {
                    @Override
                    protected void initChannel(io.netty.handler.codec.quic.QuicChannel quic) {
                        quic.pipeline()
                                .addLast(new ConnectionEvents(established -> self[0].accepted(established, settings)));
                    }
                })
                .streamHandler(PeerStreams.INSTANCE)
                .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .build();
        Channel socket;
        try {
            socket = EventLoops.datagramBootstrap(loops, settings.socketBufferSize())
                    .handler(codec)
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException ex) {
            if (group == null) {
                loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw new TransportException("Cannot bind the QUIC edge to UDP " + address + ": " + ex, ex);
        }
        self[0] = new NettyQuicListener(socket, loops, group == null);
        log.info("QUIC edge listening on UDP {}", socket.localAddress());
        return self[0];
    }

    private NettyQuicConnection accepted(io.netty.handler.codec.quic.QuicChannel quic, QuicSettings settings) {
        NettyQuicConnection connection = new NettyQuicConnection(quic, TunnelRole.EDGE, settings, null);
        Consumer<TunnelConnection> current = handler;
        log.debug("QUIC connector connected from {}", quic.remoteSocketAddress());
        if (current == null) {
            log.warn("QUIC connection from {} closed: no connection handler set", quic.remoteSocketAddress());
            connection.close(0, "no handler");
        } else {
            quic.eventLoop().execute(() -> current.accept(connection));
        }
        return connection;
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.QUIC;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.localAddress();
    }

    @Override
    public void setConnectionHandler(Consumer<TunnelConnection> handler) {
        this.handler = handler;
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        socket.close().addListener(f -> {
            if (ownsGroup) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(g -> closed.complete(null));
            } else {
                closed.complete(null);
            }
        });
        return closed;
    }

    @Override
    public String toString() {
        return "NettyQuicListener[" + socket.localAddress() + "]";
    }
}
