package io.tunnelagent.edge;

import io.netty.handler.codec.quic.Quic;
import io.tunnelagent.edge.state.EdgePki;
import io.tunnelagent.transport.EdgeListener;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import io.tunnelagent.transport.tls.EdgeCertificate;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the QUIC connector listener where Netty QUIC's native library is available. */
final class QuicEdge {

    private static final Logger log = LoggerFactory.getLogger(QuicEdge.class);

    private QuicEdge() {}

    static @Nullable EdgeListener bind(InetSocketAddress address, EdgePki pki) {
        if (!Quic.isAvailable()) {
            log.warn(
                    "QUIC is not available on this platform ({}); connectors must use --protocol http2",
                    Quic.unavailabilityCause().toString());
            return null;
        }
        return QuicTransports.listener(address, EdgeCertificate.of(pki.key(), pki.chain()), QuicSettings.edge(), null);
    }
}
