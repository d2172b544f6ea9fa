package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code RegistrationServer.updateLocalConfiguration} (method 2 of {@link TunnelRpcIds#REGISTRATION_SERVER}):
 * connection 0 pushes its local configuration as JSON after registering. Protocol doc sections 4.4–4.6.
 */
public final class UpdateLocalConfiguration {

    /** The interface that declares the method. */
    public static final long INTERFACE_ID = TunnelRpcIds.REGISTRATION_SERVER;

    /** The method ordinal. */
    public static final int METHOD_ID = TunnelRpcIds.UPDATE_LOCAL_CONFIGURATION;

    private UpdateLocalConfiguration() {}

    /**
     * Struct {@code updateLocalConfiguration$Params} ({@code 0xc5d6e311876a3604}, data 0 / pointers 1): config
     * Data p0.
     *
     * @param config the configuration JSON bytes
     */
    public record Params(byte[] config) implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0xc5d6e311876a3604L;

        /**
         * Creates the parameters.
         *
         * @param config the JSON bytes, copied
         */
        public Params {
            config = config.clone();
        }

        /**
         * Reads the struct.
         *
         * @param struct the params struct
         * @return the parameters
         */
        public static Params read(StructReader struct) {
            return new Params(struct.getData(0));
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

        /**
         * Returns the configuration bytes.
         *
         * @return a copy of the JSON bytes
         */
        @Override
        public byte[] config() {
            return config.clone();
        }

        /**
         * Returns the configuration as text.
         *
         * @return the JSON decoded as UTF-8
         */
        public String configJson() {
            return new String(config, StandardCharsets.UTF_8);
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
            if (config.length > 0) {
                struct.setData(0, config);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Params params && Arrays.equals(config, params.config);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(config);
        }

        @Override
        public String toString() {
            return "UpdateLocalConfiguration.Params[config=" + config.length + " bytes]";
        }
    }

    /** Struct {@code updateLocalConfiguration$Results} ({@code 0xe5ceae5d6897d7be}, data 0 / pointers 0). */
    public record Results() implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0xe5ceae5d6897d7beL;

        /**
         * Reads the (empty) struct.
         *
         * @param struct the results struct
         * @return the results
         */
        public static Results read(StructReader struct) {
            return new Results();
        }

        @Override
        public int dataWords() {
            return 0;
        }

        @Override
        public int pointerCount() {
            return 0;
        }

        @Override
        public void write(StructBuilder struct) {}
    }
}
