package io.tunnelagent.transport;

/**
 * A stream that carries Cap'n Proto RPC: on QUIC, a stream opened by the peer with the RPC signature (already
 * consumed); the first bytes of {@link #stream()} are RPC messages. The control stream is not one of these: see
 * {@link TunnelConnection#controlStream()}.
 */
public non-sealed interface IncomingRpcStream extends IncomingStream {}
