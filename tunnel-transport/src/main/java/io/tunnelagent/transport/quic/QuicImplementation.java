package io.tunnelagent.transport.quic;

/** Which QUIC library carries a connection. */
public enum QuicImplementation {
    /** Netty QUIC when its native library loads on this platform, Kwik otherwise. */
    AUTO,
    /** Netty QUIC (quiche and BoringSSL through JNI): fast, both roles, post-quantum key exchange. */
    NETTY,
    /**
     * Kwik (pure Java): connector role only, P-256 key exchange only, slower, and known to stall on lossy paths
     * (see the module README).
     */
    KWIK
}
