package io.tunnelagent.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;

/**
 * A bidirectional byte stream of a {@link TunnelConnection}: a QUIC stream, or an HTTP/2 request and its response.
 *
 * <p>Backpressure works like Netty's channels: a writer checks {@link #isWritable()} (or waits on the futures) and
 * pauses until {@link StreamInboundHandler#onWritabilityChanged(TunnelStream)}; a reader that cannot keep up calls
 * {@link #setAutoRead(boolean) setAutoRead(false)}, which stops reading and so lets flow control push back on the
 * peer. Methods may be called from any thread.
 */
public interface TunnelStream {

    /**
     * The transport's stream identifier (QUIC stream id, HTTP/2 stream id), for logs.
     *
     * @return the id
     */
    long id();

    /**
     * The allocator to use for buffers written to this stream.
     *
     * @return the allocator
     */
    ByteBufAllocator alloc();

    /**
     * Sets the handler for inbound events. Data that arrived before a handler was set is held (and reading is
     * paused) until then. Set it once.
     *
     * @param handler the handler
     */
    void setInboundHandler(StreamInboundHandler handler);

    /**
     * Pauses or resumes delivery of inbound data. Paused, the transport stops reading, and flow control stops the
     * peer once its window is used.
     *
     * @param autoRead whether to deliver inbound data as it arrives
     */
    void setAutoRead(boolean autoRead);

    /**
     * Writes and flushes bytes. Ownership of {@code data} passes to the stream, also when the write fails.
     *
     * @param data the bytes
     * @return completes when the bytes were handed to the transport; fails if the stream is closed or reset
     */
    CompletableFuture<Void> write(ByteBuf data);

    /**
     * Whether a write now would be accepted without queueing beyond the transport's high-water mark.
     *
     * @return true if writable
     */
    boolean isWritable();

    /**
     * Ends the output side after every pending write (QUIC FIN, HTTP/2 END_STREAM). The input side stays open.
     *
     * @return completes when the end was sent
     */
    CompletableFuture<Void> shutdownOutput();

    /**
     * Aborts the stream in both directions with an application error code (QUIC RESET_STREAM and STOP_SENDING,
     * HTTP/2 RST_STREAM). Pending writes are discarded.
     *
     * @param errorCode the application error code
     */
    void reset(long errorCode);

    /**
     * Closes the stream the way {@code cloudflared} does when a handler finishes: ends the output after pending
     * writes and stops reading (QUIC STOP_SENDING 0).
     *
     * @return completes when the stream is closed
     */
    CompletableFuture<Void> close();

    /**
     * Completes when the stream is closed, for whatever reason.
     *
     * @return the close future; never fails
     */
    CompletableFuture<Void> closeFuture();
}
