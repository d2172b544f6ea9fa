package io.tunnelagent.transport.netty;

/**
 * User events a transport-specific handler fires down a stream channel's pipeline so that
 * {@link ChannelTunnelStream} sees the same signals on every transport.
 */
public sealed interface StreamSignal {

    /** The peer finished sending (QUIC FIN, HTTP/2 END_STREAM). */
    StreamSignal INPUT_ENDED = new InputEnded();

    /** See {@link #INPUT_ENDED}. */
    record InputEnded() implements StreamSignal {}

    /**
     * The peer aborted the stream.
     *
     * @param errorCode the peer's application error code
     */
    record Reset(long errorCode) implements StreamSignal {}
}
