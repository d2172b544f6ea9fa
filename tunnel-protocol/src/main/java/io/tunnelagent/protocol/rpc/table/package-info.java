/**
 * The RPC connection's tables (questions asked, answers owed, capabilities exported), guarded by the connection's
 * lock; internal to {@link io.tunnelagent.protocol.rpc.RpcConnection}.
 */
@NullMarked
package io.tunnelagent.protocol.rpc.table;

import org.jspecify.annotations.NullMarked;
