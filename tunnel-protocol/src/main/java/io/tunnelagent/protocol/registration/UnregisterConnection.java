package io.tunnelagent.protocol.registration;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;

/**
 * {@code RegistrationServer.unregisterConnection} (method 1 of {@link TunnelRpcIds#REGISTRATION_SERVER}): sent on
 * graceful shutdown; parameters and results are empty structs. Protocol doc sections 4.4 and 4.5.
 */
public final class UnregisterConnection {

    /** The interface that declares the method. */
    public static final long INTERFACE_ID = TunnelRpcIds.REGISTRATION_SERVER;

    /** The method ordinal. */
    public static final int METHOD_ID = TunnelRpcIds.UNREGISTER_CONNECTION;

    private UnregisterConnection() {}

    /** Struct {@code unregisterConnection$Params} ({@code 0xf9cb7f4431a307d0}, data 0 / pointers 0). */
    public record Params() implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0xf9cb7f4431a307d0L;

        /**
         * Reads the (empty) struct.
         *
         * @param struct the params struct
         * @return the parameters
         */
        public static Params read(StructReader struct) {
            return new Params();
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

    /** Struct {@code unregisterConnection$Results} ({@code 0xb046e578094b1ead}, data 0 / pointers 0). */
    public record Results() implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0xb046e578094b1eadL;

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
