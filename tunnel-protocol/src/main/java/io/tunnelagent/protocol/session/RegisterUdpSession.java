package io.tunnelagent.protocol.session;

import io.tunnelagent.protocol.capnp.CapnpStruct;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructBuilder;
import io.tunnelagent.protocol.capnp.StructReader;
import io.tunnelagent.protocol.registration.TunnelRpcIds;
import io.tunnelagent.protocol.registration.WireValues;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code SessionManager.registerUdpSession} (method 0 of {@link TunnelRpcIds#SESSION_MANAGER}): the edge asks the
 * connector to open a UDP session (datagram v2). Protocol doc sections 3.9 and 4.4.
 */
public final class RegisterUdpSession {

    /** The interface that declares the method. */
    public static final long INTERFACE_ID = TunnelRpcIds.SESSION_MANAGER;

    /** The method ordinal. */
    public static final int METHOD_ID = TunnelRpcIds.REGISTER_UDP_SESSION;

    private RegisterUdpSession() {}

    /**
     * Struct {@code registerUdpSession$Params} ({@code 0x904e297b87fbecea}, data 2 / pointers 3): sessionId Data p0
     * (16 bytes), dstIp Data p1 (4 or 16 bytes), dstPort UInt16 bits 0–16, closeAfterIdleHint Int64 nanoseconds
     * bits 64–128, traceContext Text p2 (default "").
     *
     * @param sessionId the session's UUID
     * @param dstIp the destination address (written as sent: 4 bytes for IPv4, 16 for IPv6)
     * @param dstPort the destination port, 0–65535
     * @param closeAfterIdleHint the idle timeout hint; zero means the connector's default (210 s)
     * @param traceContext the tracing context, empty if none
     */
    public record Params(
            UUID sessionId, InetAddress dstIp, int dstPort, Duration closeAfterIdleHint, String traceContext)
            implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0x904e297b87fbeceaL;

        /**
         * Creates the parameters.
         *
         * @param sessionId the session UUID
         * @param dstIp the destination address
         * @param dstPort the destination port
         * @param closeAfterIdleHint the idle hint
         * @param traceContext the tracing context
         */
        public Params {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(dstIp, "dstIp");
            Objects.requireNonNull(closeAfterIdleHint, "closeAfterIdleHint");
            Objects.requireNonNull(traceContext, "traceContext");
            if (dstPort < 0 || dstPort > 0xFFFF) {
                throw new IllegalArgumentException("dstPort must be 0 to 65535, was " + dstPort);
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
                    WireValues.uuid(struct.getData(0), "registerUdpSession.sessionId"),
                    WireValues.address(struct.getData(1), "registerUdpSession.dstIp"),
                    struct.getUInt16(0),
                    Duration.ofNanos(struct.getLong(64)),
                    struct.getText(2, ""));
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
            return 2;
        }

        @Override
        public int pointerCount() {
            return 3;
        }

        @Override
        public void write(StructBuilder struct) {
            struct.setData(0, WireValues.bytes(sessionId));
            struct.setData(1, dstIp.getAddress());
            struct.setShort(0, dstPort);
            struct.setLong(64, saturatedNanos(closeAfterIdleHint));
            if (!traceContext.isEmpty()) {
                struct.setText(2, traceContext);
            }
        }

        private static long saturatedNanos(Duration duration) {
            try {
                return duration.toNanos();
            } catch (ArithmeticException ex) {
                return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
        }
    }

    /**
     * Struct {@code registerUdpSession$Results} ({@code 0x8635c6b4f45bf5cd}, data 0 / pointers 1): result
     * RegisterUdpSessionResponse p0.
     *
     * @param result the response
     */
    public record Results(RegisterUdpSessionResponse result) implements CapnpStruct {

        /** The struct's type ID. */
        public static final long TYPE_ID = 0x8635c6b4f45bf5cdL;

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
            return new Results(RegisterUdpSessionResponse.read(struct.getStruct(0)));
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
