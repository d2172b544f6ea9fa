package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.ElementSize;
import io.tunnelagent.protocol.capnp.ListBuilder;
import io.tunnelagent.protocol.capnp.ListReader;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Struct {@code ClientInfo} ({@code 0x83ced0145b2f114b}, data 0 / pointers 4): clientId Data p0 (the 16-byte
 * connector ID), features List(Text) p1, version Text p2, arch Text p3. Protocol doc sections 4.3 and 4.5.
 *
 * @param clientId the connector ID, random per process start
 * @param features the feature strings, in wire order
 * @param version the connector version, e.g. {@code 2026.8.2}
 * @param arch {@code <os>_<arch>}, e.g. {@code linux_amd64}
 */
public record ClientInfo(UUID clientId, List<String> features, String version, String arch) implements CapnpStruct {

    /** The struct's type ID. */
    public static final long TYPE_ID = 0x83ced0145b2f114bL;

    /**
     * Creates the value.
     *
     * @param clientId the connector ID
     * @param features the feature strings
     * @param version the connector version
     * @param arch the platform
     */
    public ClientInfo {
        Objects.requireNonNull(clientId, "clientId");
        features = List.copyOf(features);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(arch, "arch");
    }

    /**
     * Reads the struct.
     *
     * @param struct the {@code ClientInfo} struct
     * @return the value
     */
    public static ClientInfo read(StructReader struct) {
        UUID clientId = WireValues.uuid(struct.getData(0), "ClientInfo.clientId");
        ListReader list = struct.getList(1);
        List<String> features = new ArrayList<>(Math.min(list.size(), 1024));
        for (int i = 0; i < list.size(); i++) {
            features.add(list.getText(i));
        }
        return new ClientInfo(clientId, features, struct.getText(2), struct.getText(3));
    }

    @Override
    public int dataWords() {
        return 0;
    }

    @Override
    public int pointerCount() {
        return 4;
    }

    @Override
    public void write(StructBuilder struct) {
        struct.setData(0, WireValues.bytes(clientId));
        ListBuilder list = struct.initList(1, ElementSize.POINTER, features.size());
        for (int i = 0; i < features.size(); i++) {
            list.setText(i, features.get(i));
        }
        struct.setText(2, version).setText(3, arch);
    }
}
