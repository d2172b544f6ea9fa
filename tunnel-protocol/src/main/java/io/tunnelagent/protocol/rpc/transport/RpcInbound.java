package io.tunnelagent.protocol.rpc.transport;

import java.nio.ByteBuffer;

/**
 * The inbound side of an RPC connection: where a transport delivers what it reads. Calls must be serial (one at a
 * time, e.g. from one event loop or one reader thread); chunks may split or join messages arbitrarily.
 */
public interface RpcInbound {

    /**
     * Delivers bytes read from the stream.
     *
     * @param chunk the bytes, consumed by this call
     */
    void receive(ByteBuffer chunk);

    /** Reports that the peer ended the stream. */
    void inputClosed();

    /**
     * Reports that the stream broke (reset, I/O error).
     *
     * @param cause why
     */
    void failed(Throwable cause);
}
