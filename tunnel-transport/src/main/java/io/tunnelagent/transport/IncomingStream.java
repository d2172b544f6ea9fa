package io.tunnelagent.transport;

/**
 * A stream the peer opened, classified by what it carries: on QUIC by its 6-byte signature (protocol doc 3.2), on
 * HTTP/2 by the internal {@code Cf-Cloudflared-Proxy-*} headers (protocol doc 5.2).
 */
public sealed interface IncomingStream permits IncomingDataStream, IncomingRpcStream, IncomingConfigurationUpdate {

    /**
     * The underlying stream.
     *
     * @return the stream
     */
    TunnelStream stream();
}
