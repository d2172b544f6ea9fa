package io.tunnelagent.core.connector.event;

import io.tunnelagent.transport.TransportProtocol;
import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * A registered tunnel connection, as the edge confirmed it.
 *
 * @param connIndex the HA connection index, 0 to N-1
 * @param connectionId the connection UUID the edge assigned
 * @param location the edge location (colo code, e.g. {@code SFO})
 * @param protocol the transport
 * @param edge the edge address
 * @param remotelyManaged whether the edge said the tunnel's configuration is managed remotely
 */
public record ConnectionInfo(
        int connIndex,
        UUID connectionId,
        String location,
        TransportProtocol protocol,
        InetSocketAddress edge,
        boolean remotelyManaged) {}
