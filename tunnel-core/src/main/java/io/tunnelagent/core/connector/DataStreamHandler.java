package io.tunnelagent.core.connector;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.transport.IncomingDataStream;

/**
 * Serves one proxied request: matches it against the rules and answers it (the origin proxy's job). The connector
 * reads its current rules once per stream and passes them in, so a request started before a configuration change
 * finishes on the old table. Must not block the calling thread.
 */
@FunctionalInterface
public interface DataStreamHandler {

    /**
     * Handles the stream; the handler owns it and must answer and close it.
     *
     * @param stream the request stream
     * @param rules the rules in force when the stream arrived
     */
    void handle(IncomingDataStream stream, IngressRules rules);
}
