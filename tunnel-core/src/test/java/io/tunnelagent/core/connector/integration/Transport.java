package io.tunnelagent.core.connector.integration;

import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.edge.LocalEdge;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import io.tunnelagent.transport.quic.QuicImplementation;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.util.List;

/** The connector's transports, each with the dialer that trusts the local edge's CA. */
enum Transport {
    NETTY_QUIC(ProtocolMode.QUIC, TransportProtocol.QUIC),
    KWIK_QUIC(ProtocolMode.QUIC, TransportProtocol.QUIC),
    HTTP2(ProtocolMode.HTTP2, TransportProtocol.HTTP2);

    final ProtocolMode mode;

    final TransportProtocol protocol;

    Transport(ProtocolMode mode, TransportProtocol protocol) {
        this.mode = mode;
        this.protocol = protocol;
    }

    /** Whether the edge shows the connector's error text on its 502 page (over HTTP/2 it gets a generic error). */
    boolean carriesErrorText() {
        return this.protocol == TransportProtocol.QUIC;
    }

    EdgeDialer dialer(LocalEdge edge) {
        if (this == HTTP2) {
            return Http2EdgeDialer.builder()
                    .trustedRoots(List.of(edge.caCertificate()))
                    .build();
        }
        QuicImplementation implementation = (this == KWIK_QUIC) ? QuicImplementation.KWIK : QuicImplementation.NETTY;
        return QuicTransports.dialer(
                implementation, EdgeTrust.of(edge.caCertificate()), QuicSettings.connector(), null);
    }
}
