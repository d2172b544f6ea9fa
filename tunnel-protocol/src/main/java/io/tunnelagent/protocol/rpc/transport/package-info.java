/**
 * How the RPC engine meets byte streams: an outbound {@link io.tunnelagent.protocol.rpc.transport.RpcTransport}, the
 * inbound entry points, an adapter over blocking streams and an in-memory pipe.
 */
@NullMarked
package io.tunnelagent.protocol.rpc.transport;

import org.jspecify.annotations.NullMarked;
