package io.tunnelagent.protocol.rpc.transport;

import java.nio.ByteBuffer;

/**
 * The outbound side of a byte stream that carries RPC messages. A Netty channel writes asynchronously; a blocking
 * stream writes in the caller's thread. Either way calls arrive one at a time, in message order, never while the
 * engine holds its lock; failures to write are reported to the connection's {@link RpcInbound#failed(Throwable)}.
 */
public interface RpcTransport {

    /**
     * Writes one framed message.
     *
     * @param frame the message; the transport owns it from now on
     */
    void send(ByteBuffer frame);

    /** Ends the stream (QUIC FIN, HTTP/2 END_STREAM, socket close) after the messages already sent. Idempotent. */
    void close();
}
