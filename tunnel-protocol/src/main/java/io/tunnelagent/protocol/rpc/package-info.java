/**
 * Cap'n Proto RPC at level 0, as cloudflared uses it: bootstrap, calls with promise pipelining, returns, finish,
 * release and abort, in both roles on one byte stream.
 */
@NullMarked
package io.tunnelagent.protocol.rpc;

import org.jspecify.annotations.NullMarked;
