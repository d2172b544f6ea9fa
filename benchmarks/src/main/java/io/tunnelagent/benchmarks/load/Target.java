package io.tunnelagent.benchmarks.load;

import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import io.tunnelagent.transport.quic.QuicImplementation;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.util.Locale;

/** What the load generator talks to: the origin directly, or the tunnel over one of the connector's transports. */
enum Target {
    DIRECT("direct"),
    NETTY_QUIC("netty-quic"),
    KWIK_QUIC("kwik-quic"),
    HTTP2("http2");

    final String label;

    Target(String label) {
        this.label = label;
    }

    static Target parse(String label) {
        for (Target target : values()) {
            if (target.label.equals(label.toLowerCase(Locale.ROOT))) {
                return target;
            }
        }
        throw new IllegalArgumentException(
                "Unknown target '" + label + "': use direct, netty-quic, kwik-quic or http2");
    }

    ProtocolMode mode() {
        return this == HTTP2 ? ProtocolMode.HTTP2 : ProtocolMode.QUIC;
    }

    /** A dialer for this transport that trusts the local edge's CA. */
    EdgeDialer dialer(LocalEdge edge) {
        EdgeTrust trust = EdgeTrust.of(edge.caCertificate());
        return switch (this) {
            case HTTP2 -> Http2EdgeDialer.builder().trust(trust).build();
            case KWIK_QUIC -> QuicTransports.dialer(QuicImplementation.KWIK, trust, QuicSettings.connector(), null);
            default -> QuicTransports.dialer(QuicImplementation.NETTY, trust, QuicSettings.connector(), null);
        };
    }
}
