package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.util.Objects;
import java.util.UUID;

/**
 * Struct {@code ConnectionDetails} ({@code 0xb5f39f082b9ac18a}, data 1 / pointers 2): uuid Data p0 (the 16-byte
 * connection UUID), locationName Text p1 (colo code), tunnelIsRemotelyManaged Bool bit 0. Protocol doc sections
 * 4.3 and 4.5.
 *
 * @param uuid the connection's UUID, chosen by the edge
 * @param locationName the edge location, e.g. {@code SFO}
 * @param tunnelIsRemotelyManaged whether the tunnel's configuration comes from the edge
 */
public record ConnectionDetails(UUID uuid, String locationName, boolean tunnelIsRemotelyManaged)
        implements ConnectionResponse, CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0xb5f39f082b9ac18aL;

    /**
     * Creates the value.
     *
     * @param uuid the connection UUID
     * @param locationName the edge location
     * @param tunnelIsRemotelyManaged whether the configuration is remote
     */
    public ConnectionDetails {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(locationName, "locationName");
    }

    /**
     * Reads the struct.
     *
     * @param struct the {@code ConnectionDetails} struct
     * @return the value
     */
    public static ConnectionDetails read(StructReader struct) {
        return new ConnectionDetails(
                WireValues.uuid(struct.getData(0), "ConnectionDetails.uuid"), struct.getText(1), struct.getBool(0));
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
        struct.setData(0, WireValues.bytes(uuid));
        if (!locationName.isEmpty()) {
            struct.setText(1, locationName);
        }
        struct.setBool(0, tunnelIsRemotelyManaged);
    }
}
