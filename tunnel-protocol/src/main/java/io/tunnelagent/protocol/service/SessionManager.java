package io.tunnelagent.protocol.service;

import io.tunnelagent.protocol.session.RegisterUdpSession;
import io.tunnelagent.protocol.session.RegisterUdpSessionResponse;
import io.tunnelagent.protocol.session.UnregisterUdpSession;
import java.util.concurrent.CompletableFuture;

/**
 * {@code SessionManager} ({@code 0x839445a59fb01686}): UDP session RPCs of datagram version 2. Protocol doc sections
 * 3.9 and 4.4.
 */
public interface SessionManager {

    /**
     * Method 0: registers a UDP session.
     *
     * @param params the session ID, destination and idle hint
     * @return the response ({@code err} empty on success)
     */
    CompletableFuture<RegisterUdpSessionResponse> registerUdpSession(RegisterUdpSession.Params params);

    /**
     * Method 1: unregisters a UDP session.
     *
     * @param params the session ID and a message
     * @return completed when done
     */
    CompletableFuture<Void> unregisterUdpSession(UnregisterUdpSession.Params params);
}
