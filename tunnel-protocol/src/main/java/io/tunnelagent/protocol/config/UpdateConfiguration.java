package io.tunnelagent.protocol.config;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.registration.TunnelRpcIds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code ConfigurationManager.updateConfiguration} (method 0 of {@link TunnelRpcIds#CONFIGURATION_MANAGER}): the
 * edge pushes a remote configuration (JSON) with a version. Protocol doc sections 4.4 and 4.6.
 */
public final class UpdateConfiguration {

    /** The interface that declares the method. */
    public static final long INTERFACE_ID = TunnelRpcIds.CONFIGURATION_MANAGER;

    /** The method ordinal. */
    public static final int METHOD_ID = TunnelRpcIds.UPDATE_CONFIGURATION;

    private UpdateConfiguration() {}

    /**
     * Struct {@code updateConfiguration$Params} ({@code 0xb177ca2526a3ca76}, data 1 / pointers 1): version Int32
     * bits 0–32, config Data p0.
     *
     * @param version the configuration version; not newer than the current one means no change
     * @param config the configuration JSON bytes
     */
    public record Params(int version, byte[] config) implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0xb177ca2526a3ca76L;

        /**
         * Creates the parameters.
         *
         * @param version the version
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
            return new Params(struct.getInt(0), struct.getData(0));
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
            return 1;
        }

        @Override
        public int pointerCount() {
            return 1;
        }

        @Override
        public void write(StructBuilder struct) {
            struct.setInt(0, version);
            if (config.length > 0) {
                struct.setData(0, config);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Params p && version == p.version && Arrays.equals(config, p.config);
        }

        @Override
        public int hashCode() {
            return 31 * version + Arrays.hashCode(config);
        }

        @Override
        public String toString() {
            return "UpdateConfiguration.Params[version=" + version + ", config=" + config.length + " bytes]";
        }
    }

    /**
     * Struct {@code updateConfiguration$Results} ({@code 0x958096448eb3373e}, data 0 / pointers 1): result
     * UpdateConfigurationResponse p0.
     *
     * @param result the response
     */
    public record Results(UpdateConfigurationResponse result) implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0x958096448eb3373eL;

        /**
         * Creates the results.
         *
         * @param result the response
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
            return new Results(UpdateConfigurationResponse.read(struct.getStruct(0)));
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
            struct.setStruct(0, result);
        }
    }
}
