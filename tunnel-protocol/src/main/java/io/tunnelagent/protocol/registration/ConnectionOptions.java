package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.net.InetAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Struct {@code ConnectionOptions} ({@code 0xb4bf9861fe035d04}, data 1 / pointers 2): client ClientInfo p0,
 * originLocalIp Data p1, replaceExisting Bool bit 0, compressionQuality UInt8 bits 8–16, numPreviousAttempts UInt8
 * bits 16–24. Protocol doc sections 4.3 and 4.5. The address is written in 16-byte form (IPv4-mapped for IPv4).
 *
 * @param client the connector's identity
 * @param originLocalIp the address cloudflared reports (for QUIC the edge's own address), null if absent
 * @param replaceExisting whether to replace a connection with the same index
 * @param compressionQuality 0–255, unused today
 * @param numPreviousAttempts the connector's retry count, 0–255
 */
public record ConnectionOptions(
        ClientInfo client,
        @Nullable InetAddress originLocalIp,
        boolean replaceExisting,
        int compressionQuality,
        int numPreviousAttempts)
        implements CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0xb4bf9861fe035d04L;

    /**
     * Creates the value.
     *
     * @param client the connector's identity
     * @param originLocalIp the reported address, or null
     * @param replaceExisting whether to replace an existing connection
     * @param compressionQuality 0–255
     * @param numPreviousAttempts 0–255
     */
    public ConnectionOptions {
        Objects.requireNonNull(client, "client");
        checkUInt8(compressionQuality, "compressionQuality");
        checkUInt8(numPreviousAttempts, "numPreviousAttempts");
    }

    /**
     * Reads the struct.
     *
     * @param struct the {@code ConnectionOptions} struct
     * @return the value
     */
    public static ConnectionOptions read(StructReader struct) {
        ClientInfo client = ClientInfo.read(struct.getStruct(0));
        byte[] ip = struct.getData(1);
        return new ConnectionOptions(
                client,
                ip.length == 0 ? null : WireValues.address(ip, "ConnectionOptions.originLocalIp"),
                struct.getBool(0),
                struct.getUInt8(8),
                struct.getUInt8(16));
    }

    @Override
    public int dataWords() {
        return 1;
    }

    @Override
    public int pointerCount() {
        return 2;
    }

    @Override
    public void write(StructBuilder struct) {
        struct.setStruct(0, client);
        if (originLocalIp != null) {
            struct.setData(1, WireValues.bytes16(originLocalIp));
        }
        struct.setBool(0, replaceExisting).setByte(8, compressionQuality).setByte(16, numPreviousAttempts);
    }

    private static void checkUInt8(int value, String name) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(name + " must be 0 to 255, was " + value);
        }
    }
}
