package io.tunnelagent.transport;

/** The wire transport of a tunnel connection (protocol doc sections 3 and 5). */
public enum TransportProtocol {
    /** QUIC over UDP, ALPN {@code argotunnel}, SNI {@code quic.cftunnel.com}. */
    QUIC,
    /** HTTP/2 over TLS over TCP with reversed roles, SNI {@code h2.cftunnel.com}, no ALPN. */
    HTTP2
}
