package io.tunnelagent.transport.quic;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.Quic;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.EdgeListener;
import io.tunnelagent.transport.quic.kwik.KwikQuicDialer;
import io.tunnelagent.transport.quic.netty.NettyQuicDialer;
import io.tunnelagent.transport.quic.netty.NettyQuicListener;
import io.tunnelagent.transport.tls.EdgeCertificate;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates QUIC dialers and listeners. {@link QuicImplementation#AUTO} picks Netty QUIC when its native library
 * loads ({@code Quic.isAvailable()}) and Kwik otherwise; the choice is logged at INFO.
 */
public final class QuicTransports {

    private static final Logger log = LoggerFactory.getLogger(QuicTransports.class);

    private QuicTransports() {}

    /**
     * Creates a connector-role dialer.
     *
     * @param implementation which QUIC library to use
     * @param trust the roots that verify the edge
     * @param settings the settings, usually {@link QuicSettings#connector()}
     * @param group Netty event loops to share (the caller shuts them down), or null for the dialer's own; unused
     *     by Kwik
     * @return the dialer
     */
    public static EdgeDialer dialer(
            QuicImplementation implementation, EdgeTrust trust, QuicSettings settings, @Nullable EventLoopGroup group) {
        QuicImplementation chosen = resolve(implementation);
        if (chosen == QuicImplementation.KWIK) {
            log.info(
                    "QUIC implementation: Kwik (pure Java){}",
                    implementation == QuicImplementation.AUTO
                            ? ", because Netty QUIC's native library is not available: " + Quic.unavailabilityCause()
                            : "");
            log.warn("Kwik 0.10.8 is slower than Netty QUIC and can stall on lossy paths; prefer Netty QUIC where its"
                    + " native library loads (see the tunnel-transport README)");
            return KwikQuicDialer.create(trust, settings);
        }
        log.info("QUIC implementation: Netty QUIC (quiche)");
        return NettyQuicDialer.create(trust, settings, group);
    }

    /**
     * Binds an edge-role listener (Netty QUIC only: Kwik's TLS cannot answer {@code cloudflared}'s key share).
     *
     * @param address the UDP address
     * @param certificate the edge's certificate and key
     * @param settings the settings, usually {@link QuicSettings#edge()}
     * @param group Netty event loops to share (the caller shuts them down), or null for the listener's own
     * @return the listener
     */
    public static EdgeListener listener(
            InetSocketAddress address,
            EdgeCertificate certificate,
            QuicSettings settings,
            @Nullable EventLoopGroup group) {
        return NettyQuicListener.bind(address, certificate, settings, group);
    }

    /**
     * The implementation {@code implementation} stands for on this platform.
     *
     * @param implementation the configured implementation
     * @return {@link QuicImplementation#NETTY} or {@link QuicImplementation#KWIK}
     */
    public static QuicImplementation resolve(QuicImplementation implementation) {
        if (implementation == QuicImplementation.AUTO) {
            return Quic.isAvailable() ? QuicImplementation.NETTY : QuicImplementation.KWIK;
        }
        return implementation;
    }
}
