/** Cap'n Proto RPC carried over a tunnel stream, for the connector's and the edge's control and RPC streams. */
@NullMarked
package io.tunnelagent.transport.rpc;

import org.jspecify.annotations.NullMarked;
