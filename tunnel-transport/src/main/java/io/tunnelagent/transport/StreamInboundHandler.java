package io.tunnelagent.transport;

import io.netty.buffer.ByteBuf;

/**
 * Receives what arrives on a {@link TunnelStream}. Callbacks for one stream are never concurrent and arrive in
 * order, on the stream's event loop (or, for transports without one, on a single thread per stream).
 */
public interface StreamInboundHandler {

    /**
     * Bytes arrived from the peer. The handler owns {@code data} and must release it.
     *
     * @param stream the stream
     * @param data the bytes, never empty
     */
    void onData(TunnelStream stream, ByteBuf data);

    /**
     * The peer finished sending (QUIC FIN, HTTP/2 END_STREAM); no more data follows. The output side stays open.
     *
     * @param stream the stream
     */
    default void onInputShutdown(TunnelStream stream) {}

    /**
     * The peer aborted the stream (QUIC RESET_STREAM or STOP_SENDING, HTTP/2 RST_STREAM) with an application error
     * code. {@link #onClosed(TunnelStream)} follows.
     *
     * @param stream the stream
     * @param errorCode the peer's error code
     */
    default void onReset(TunnelStream stream, long errorCode) {}

    /**
     * {@link TunnelStream#isWritable()} changed; a writer that paused on backpressure resumes here.
     *
     * @param stream the stream
     */
    default void onWritabilityChanged(TunnelStream stream) {}

    /**
     * The stream is closed in both directions, locally or by the peer, or because its connection ended. Called
     * exactly once, last.
     *
     * @param stream the stream
     */
    default void onClosed(TunnelStream stream) {}
}
