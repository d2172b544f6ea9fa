package io.tunnelagent.autoconfigure.connector;

import io.netty.channel.EventLoopGroup;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import io.tunnelagent.transport.quic.QuicImplementation;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The edge dialers the connector uses: QUIC for {@code quic}, HTTP/2 for {@code http2}, both for {@code auto}.
 * Closed when the context closes (the connector does not close its dialers).
 */
public final class TunnelEdgeDialers implements DisposableBean {

    private static final Logger logger = LoggerFactory.getLogger(TunnelEdgeDialers.class);

    private final List<EdgeDialer> dialers;

    /**
     * Creates the dialers for a protocol mode.
     *
     * @param protocol the protocol mode
     * @param quic the QUIC implementation
     * @param trust the roots that verify the edge
     * @param group the shared event loops
     */
    public TunnelEdgeDialers(ProtocolMode protocol, QuicImplementation quic, EdgeTrust trust, EventLoopGroup group) {
        List<EdgeDialer> created = new ArrayList<>();
        if (protocol != ProtocolMode.HTTP2) {
            created.add(QuicTransports.dialer(quic, trust, QuicSettings.connector(), group));
        }
        if (protocol != ProtocolMode.QUIC) {
            created.add(
                    Http2EdgeDialer.builder().trust(trust).eventLoopGroup(group).build());
        }
        this.dialers = List.copyOf(created);
    }

    /**
     * Returns the dialers, one per transport.
     *
     * @return the dialers
     */
    public List<EdgeDialer> dialers() {
        return this.dialers;
    }

    @Override
    public void destroy() {
        for (EdgeDialer dialer : this.dialers) {
            try {
                dialer.close();
            } catch (Exception ex) {
                logger.debug("Closing the {} edge dialer failed", dialer.protocol(), ex);
            }
        }
    }
}
