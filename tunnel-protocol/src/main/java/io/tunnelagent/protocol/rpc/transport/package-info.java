/**
 * How the RPC engine meets byte streams: an outbound {@link io.tunnelagent.protocol.rpc.transport.RpcTransport}, the
 * inbound entry points, the ordered {@link io.tunnelagent.protocol.rpc.transport.Outbox} and after-lock
 * {@link io.tunnelagent.protocol.rpc.transport.Batch}, an adapter over blocking streams and an in-memory pipe.
 */
@NullMarked
package io.tunnelagent.protocol.rpc.transport;

import org.jspecify.annotations.NullMarked;
