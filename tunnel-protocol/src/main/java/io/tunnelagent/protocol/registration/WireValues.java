package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpDecodeException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Conversions between Data fields and Java values shared by the tunnelrpc messages: 16-byte UUIDs and IP addresses
 * (4 or 16 bytes; IPv4 is written in IPv4-mapped 16-byte form, as Go's {@code net.IP} does).
 */
public final class WireValues {

    private WireValues() {}

    /**
     * Converts a 16-byte Data field to a UUID.
     *
     * @param bytes the field's bytes
     * @param field the field name for the error message
     * @return the UUID
     * @throws CapnpDecodeException if the field is not 16 bytes long
     */
    public static UUID uuid(byte[] bytes, String field) {
        if (bytes.length != 16) {
            throw new CapnpDecodeException(field + " must be a 16-byte UUID, but is " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /**
     * Converts a UUID to its 16 bytes (big-endian, as Go's {@code uuid.UUID}).
     *
     * @param uuid the UUID
     * @return the bytes
     */
    public static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    /**
     * Converts a 4- or 16-byte Data field to an address.
     *
     * @param bytes the field's bytes
     * @param field the field name for the error message
     * @return the address
     * @throws CapnpDecodeException if the field is neither 4 nor 16 bytes long
     */
    public static InetAddress address(byte[] bytes, String field) {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new CapnpDecodeException(
                    field + " must be a 4- or 16-byte IP address, but is " + bytes.length + " bytes");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException ex) {
            throw new CapnpDecodeException(field + " is not an IP address");
        }
    }

    /**
     * Converts an address to 16 bytes: IPv6 as is, IPv4 in IPv4-mapped form ({@code ::ffff:a.b.c.d}).
     *
     * @param address the address
     * @return the bytes
     */
    public static byte[] bytes16(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }
}
