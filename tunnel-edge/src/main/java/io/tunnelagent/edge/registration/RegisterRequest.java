package io.tunnelagent.edge.registration;

import io.tunnelagent.protocol.capnp.ListReader;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.protocol.rpc.message.Content;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The parameters of {@code RegistrationServer.registerConnection} ({@code 0xe6646dec8feaa6ee}, protocol doc 4.3 and
 * 4.4): the tunnel's auth, its id, the connection index and the connector's client info. The secret is a
 * {@link TunnelSecret}, so {@link #toString()} never shows it.
 *
 * @param accountTag the account tag from {@code TunnelAuth}
 * @param secret the tunnel secret from {@code TunnelAuth}
 * @param tunnelId the tunnel id, or {@code null} if it is not 16 bytes
 * @param connIndex the HA connection index
 * @param connectorId the connector id ({@code ClientInfo.clientId}), or {@code null} if it is not 16 bytes
 * @param features the connector's features
 * @param version the connector's version
 * @param arch the connector's platform
 */
record RegisterRequest(
        String accountTag,
        TunnelSecret secret,
        @org.jspecify.annotations.Nullable UUID tunnelId,
        int connIndex,
        @org.jspecify.annotations.Nullable UUID connectorId,
        List<String> features,
        String version,
        String arch) {

    /** The interface that declares the registration methods. */
    static final long INTERFACE_ID = 0xf71695ec7fe85497L;

    /** {@code registerConnection}. */
    static final int REGISTER_CONNECTION = 0;

    /** {@code unregisterConnection}. */
    static final int UNREGISTER_CONNECTION = 1;

    /** {@code updateLocalConfiguration}. */
    static final int UPDATE_LOCAL_CONFIGURATION = 2;

    /**
     * Decodes the call's params struct.
     *
     * @param params the params content
     * @return the request
     * @throws io.tunnelagent.protocol.capnp.CapnpDecodeException if the struct is malformed
     */
    static RegisterRequest decode(Content params) {
        StructReader root = MessageReader.read(params.toFrame()).root();
        StructReader auth = root.getStruct(0);
        StructReader options = root.getStruct(2);
        StructReader client = options.getStruct(0);
        List<String> features = new ArrayList<>();
        if (client.hasPointer(1)) {
            ListReader list = client.getList(1);
            for (int i = 0; i < list.size(); i++) {
                features.add(list.getText(i));
            }
        }
        return new RegisterRequest(
                auth.getText(0),
                TunnelSecret.of(auth.getData(1)),
                uuid(root.getData(1)),
                root.getUInt8(0),
                uuid(client.getData(0)),
                List.copyOf(features),
                client.getText(2),
                client.getText(3));
    }

    private static @org.jspecify.annotations.Nullable UUID uuid(byte[] bytes) {
        if (bytes.length != 16) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
