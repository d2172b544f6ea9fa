package io.tunnelagent.core.connector.event;

import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes events to every registered listener; a listener that throws is logged and does not stop the others. */
public final class ListenerGroup implements ConnectorListener {

    private static final Logger logger = LoggerFactory.getLogger(ListenerGroup.class);

    private final List<ConnectorListener> listeners = new CopyOnWriteArrayList<>();

    public void add(ConnectorListener listener) {
        this.listeners.add(listener);
    }

    @Override
    public void connected(ConnectionInfo connection) {
        each((listener) -> listener.connected(connection));
    }

    @Override
    public void disconnected(ConnectionInfo connection, String reason) {
        each((listener) -> listener.disconnected(connection, reason));
    }

    @Override
    public void connectionFailed(
            int connIndex, InetSocketAddress edge, TransportProtocol protocol, ConnectionFailure failure) {
        each((listener) -> listener.connectionFailed(connIndex, edge, protocol, failure));
    }

    @Override
    public void protocolChanged(TransportProtocol from, TransportProtocol to) {
        each((listener) -> listener.protocolChanged(from, to));
    }

    @Override
    public void remoteConfigurationPushed(int version, @Nullable String error) {
        each((listener) -> listener.remoteConfigurationPushed(version, error));
    }

    private void each(Consumer<ConnectorListener> event) {
        for (ConnectorListener listener : this.listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException ex) {
                logger.warn("Connector listener {} failed: {}", listener, ex.toString());
            }
        }
    }
}
