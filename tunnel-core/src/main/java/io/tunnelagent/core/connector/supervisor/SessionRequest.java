package io.tunnelagent.core.connector.supervisor;

import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;

/**
 * One attempt to connect and register.
 *
 * @param connIndex the HA connection index
 * @param edge the edge address
 * @param protocol the transport
 * @param previousAttempts the retry count, sent as {@code numPreviousAttempts}
 */
public record SessionRequest(int connIndex, InetSocketAddress edge, TransportProtocol protocol, int previousAttempts) {}
