package io.tunnelagent.protocol.session;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.registration.TunnelRpcIds;
import io.tunnelagent.protocol.registration.WireValues;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code SessionManager.unregisterUdpSession} (method 1 of {@link TunnelRpcIds#SESSION_MANAGER}): either side ends
 * a UDP session. Protocol doc sections 3.9 and 4.4.
 */
public final class UnregisterUdpSession {

    /** The interface that declares the method. */
    public static final long INTERFACE_ID = TunnelRpcIds.SESSION_MANAGER;

    /** The method ordinal. */
    public static final int METHOD_ID = TunnelRpcIds.UNREGISTER_UDP_SESSION;

    private UnregisterUdpSession() {}

    /**
     * Struct {@code unregisterUdpSession$Params} ({@code 0x96b74375ce9b0ef6}, data 0 / pointers 2): sessionId Data
     * p0 (16 bytes), message Text p1.
     *
     * @param sessionId the session's UUID
     * @param message why the session ended
     */
    public record Params(UUID sessionId, String message) implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0x96b74375ce9b0ef6L;

        /**
         * Creates the parameters.
         *
         * @param sessionId the session UUID
         * @param message the reason
         */
        public Params {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(message, "message");
        }

        /**
         * Reads the struct.
         *
         * @param struct the params struct
         * @return the parameters
         */
        public static Params read(StructReader struct) {
            return new Params(WireValues.uuid(struct.getData(0), "unregisterUdpSession.sessionId"), struct.getText(1));
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
            return 0;
        }

        @Override
        public int pointerCount() {
            return 2;
        }

        @Override
        public void write(StructBuilder struct) {
            struct.setData(0, WireValues.bytes(sessionId));
            if (!message.isEmpty()) {
                struct.setText(1, message);
            }
        }
    }

    /** Struct {@code unregisterUdpSession$Results} ({@code 0xf24ec4ab5891b676}, data 0 / pointers 0). */
    public record Results() implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0xf24ec4ab5891b676L;

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
