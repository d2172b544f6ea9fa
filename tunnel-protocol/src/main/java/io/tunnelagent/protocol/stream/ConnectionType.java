package io.tunnelagent.protocol.stream;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;

/**
 * The kind of a proxied stream, enum {@code ConnectionType} ({@code 0xc52e1bac26d379c8}) of
 * {@code quic_metadata_protocol.capnp}; the wire value is the ordinal.
 */
public enum ConnectionType {
    /** A plain HTTP request, wire value 0. */
    HTTP,
    /** An HTTP request that upgrades to a WebSocket, wire value 1. */
    WEBSOCKET,
    /** A raw TCP stream (WARP routing), wire value 2. */
    TCP;

    /**
     * Returns the type for a wire value.
     *
     * @param value the 16-bit enum value read from the wire
     * @return the type
     * @throws CapnpDecodeException if the value is not 0, 1 or 2 (cloudflared crashes on such a value; we refuse
     *     the stream instead)
     */
    public static ConnectionType fromWireValue(int value) {
        ConnectionType[] values = values();
        if (value < 0 || value >= values.length) {
            throw new CapnpDecodeException(
                    "Unknown ConnectionType " + value + ", expected 0 (http), 1 (websocket) or 2 (tcp)");
        }
        return values[value];
    }

    /**
     * Returns the value written on the wire.
     *
     * @return the ordinal
     */
    public int wireValue() {
        return ordinal();
    }
}
