package io.tunnelagent.core.connector.supervisor;

import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** Opens sessions with the edge: dial, control stream, registration, stream serving. */
public interface EdgeSessions {

    /**
     * Dials and registers.
     *
     * @param request the attempt
     * @return completes with the registered session, or fails with a {@link SessionException}
     */
    CompletableFuture<EdgeSession> open(SessionRequest request);

    /**
     * Checks whether a transport works by dialing the edge and closing the connection at once (the QUIC
     * re-probe).
     *
     * @param edge the edge address
     * @param protocol the transport to try
     * @return completes if the handshake succeeded; fails otherwise
     */
    CompletableFuture<Void> probe(InetSocketAddress edge, TransportProtocol protocol);
}
