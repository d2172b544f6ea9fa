package io.tunnelagent.autoconfigure.connector;

import io.tunnelagent.core.proxy.ProxyListener;
import io.tunnelagent.core.proxy.ProxyResult;
import io.tunnelagent.protocol.stream.ConnectionType;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Tells every {@link ProxyListener} bean about each stream. The beans are looked up at the first stream, not when
 * the proxy is built, so that a listener may itself depend on the connector (as the metrics binder does).
 */
final class CompositeProxyListener implements ProxyListener {

    private static final Logger logger = LoggerFactory.getLogger(CompositeProxyListener.class);

    private final ObjectProvider<ProxyListener> provider;

    private volatile @Nullable List<ProxyListener> listeners;

    CompositeProxyListener(ObjectProvider<ProxyListener> provider) {
        this.provider = provider;
    }

    @Override
    public void requestStarted(long streamId, ConnectionType type, int ruleIndex) {
        for (ProxyListener listener : listeners()) {
            try {
                listener.requestStarted(streamId, type, ruleIndex);
            } catch (RuntimeException ex) {
                logger.warn("Proxy listener {} failed", listener, ex);
            }
        }
    }

    @Override
    public void requestFinished(ProxyResult result) {
        for (ProxyListener listener : listeners()) {
            try {
                listener.requestFinished(result);
            } catch (RuntimeException ex) {
                logger.warn("Proxy listener {} failed", listener, ex);
            }
        }
    }

    private List<ProxyListener> listeners() {
        List<ProxyListener> current = this.listeners;
        if (current == null) {
            current = this.provider.orderedStream().toList();
            this.listeners = current;
        }
        return current;
    }
}
