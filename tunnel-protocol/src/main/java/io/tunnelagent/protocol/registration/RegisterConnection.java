package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code RegistrationServer.registerConnection} (method 0 of {@link TunnelRpcIds#REGISTRATION_SERVER}): the
 * connector authenticates and registers one HA connection. Protocol doc sections 4.4 and 4.5.
 */
public final class RegisterConnection {

    /** The interface that declares the method. */
    public static final long INTERFACE_ID = TunnelRpcIds.REGISTRATION_SERVER;

    /** The method ordinal. */
    public static final int METHOD_ID = TunnelRpcIds.REGISTER_CONNECTION;

    private RegisterConnection() {}

    /**
     * Struct {@code registerConnection$Params} ({@code 0xe6646dec8feaa6ee}, data 1 / pointers 3): auth TunnelAuth
     * p0, tunnelId Data p1 (16-byte UUID), connIndex UInt8 bits 0–8, options ConnectionOptions p2.
     *
     * @param auth the account tag and tunnel secret
     * @param tunnelId the tunnel's UUID
     * @param connIndex the HA connection index, 0–255
     * @param options the connector's identity and options
     */
    public record Params(TunnelAuth auth, UUID tunnelId, int connIndex, ConnectionOptions options)
            implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0xe6646dec8feaa6eeL;

        /**
         * Creates the parameters.
         *
         * @param auth the credentials
         * @param tunnelId the tunnel UUID
         * @param connIndex the connection index, 0–255
         * @param options the options
         */
        public Params {
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(tunnelId, "tunnelId");
            Objects.requireNonNull(options, "options");
            if (connIndex < 0 || connIndex > 255) {
                throw new IllegalArgumentException("connIndex must be 0 to 255, was " + connIndex);
            }
        }

        /**
         * Reads the struct.
         *
         * @param struct the params struct
         * @return the parameters
         */
        public static Params read(StructReader struct) {
            return new Params(
                    TunnelAuth.read(struct.getStruct(0)),
                    WireValues.uuid(struct.getData(1), "registerConnection.tunnelId"),
                    struct.getUInt8(0),
                    ConnectionOptions.read(struct.getStruct(2)));
        }

        /**
         * Decodes a framed message whose root is the params struct.
         *
         * @param frame the framed message
         * @return the parameters
         */
        public static Params decode(byte[] frame) {
            return read(MessageReader.decode(frame).root());
        }

        @Override
        public int dataWords() {
            return 1;
        }

        @Override
        public int pointerCount() {
            return 3;
        }

        @Override
        public void write(StructBuilder struct) {
            struct.setStruct(0, auth);
            struct.setData(1, WireValues.bytes(tunnelId));
            struct.setByte(0, connIndex);
            struct.setStruct(2, options);
        }
    }

    /**
     * Struct {@code registerConnection$Results} ({@code 0xea50d822450d1f17}, data 0 / pointers 1): result
     * ConnectionResponse p0.
     *
     * @param result the connection details or the error
     */
    public record Results(ConnectionResponse result) implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0xea50d822450d1f17L;

        /**
         * Creates the results.
         *
         * @param result the details or the error
         */
        public Results {
            Objects.requireNonNull(result, "result");
        }

        /**
         * Reads the struct.
         *
         * @param struct the results struct
         * @return the results
         */
        public static Results read(StructReader struct) {
            return new Results(ConnectionResponse.read(struct.getStruct(0)));
        }

        /**
         * Decodes a framed message whose root is the results struct.
         *
         * @param frame the framed message
         * @return the results
         */
        public static Results decode(byte[] frame) {
            return read(MessageReader.decode(frame).root());
        }

        @Override
        public int dataWords() {
            return 0;
        }

        @Override
        public int pointerCount() {
            return 1;
        }

        @Override
        public void write(StructBuilder struct) {
            ConnectionResponse.write(
                    result, struct.initStruct(0, ConnectionResponse.DATA_WORDS, ConnectionResponse.POINTERS));
        }
    }
}
