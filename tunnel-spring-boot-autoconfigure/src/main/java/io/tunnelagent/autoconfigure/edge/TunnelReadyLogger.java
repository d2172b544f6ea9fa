package io.tunnelagent.autoconfigure.edge;

import io.tunnelagent.core.connector.event.ConnectionInfo;
import io.tunnelagent.core.connector.event.ConnectorListener;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs once, when the first connection registers, the URL that reaches this application through the local edge. */
final class TunnelReadyLogger implements ConnectorListener {

    private static final Logger logger = LoggerFactory.getLogger(TunnelReadyLogger.class);

    private final EmbeddedEdge edge;

    private final AtomicBoolean logged = new AtomicBoolean();

    TunnelReadyLogger(EmbeddedEdge edge) {
        this.edge = edge;
    }

    @Override
    public void connected(ConnectionInfo connection) {
        if (this.logged.compareAndSet(false, true)) {
            logger.info(
                    "Tunnel ready: {} via the local edge (or: curl -H 'Host: {}' http://127.0.0.1:{}/)",
                    this.edge.visitorUrl(),
                    this.edge.hostname(),
                    this.edge.localEdge().visitorAddress().getPort());
        }
    }
}
