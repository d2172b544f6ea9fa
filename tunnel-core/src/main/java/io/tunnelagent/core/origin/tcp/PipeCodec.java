package io.tunnelagent.core.origin.tcp;

import io.netty.buffer.ByteBuf;

/**
 * What a {@link StreamPipe} does to the bytes between the tunnel stream and the origin socket: nothing for raw TCP
 * and upgraded WebSockets, framing for TCP carried in a WebSocket. Called on the respective sides' threads, never
 * concurrently for one direction.
 */
public interface PipeCodec {

    /** Passes bytes through unchanged. */
    PipeCodec IDENTITY = new PipeCodec() {};

    /**
     * Bytes from the visitor (owned by the codec).
     *
     * @param data the bytes
     * @param sink where to send results
     */
    default void fromTunnel(ByteBuf data, Sink sink) {
        sink.toOrigin(data);
    }

    /**
     * Bytes from the origin (owned by the codec).
     *
     * @param data the bytes
     * @param sink where to send results
     */
    default void fromOrigin(ByteBuf data, Sink sink) {
        sink.toTunnel(data);
    }

    /**
     * The pipe started.
     *
     * @param sink where to send bytes
     */
    default void started(Sink sink) {}

    /** The pipe ended; release what the codec holds. */
    default void stopped() {}

    /** Where a codec sends bytes. */
    interface Sink {

        /**
         * Writes to the origin socket.
         *
         * @param data the bytes (ownership passes)
         */
        void toOrigin(ByteBuf data);

        /**
         * Writes to the tunnel stream.
         *
         * @param data the bytes (ownership passes)
         */
        void toTunnel(ByteBuf data);

        /** Ends the pipe in both directions after pending writes. */
        void end();
    }
}
