/**
 * The messages of Cap'n Proto's {@code rpc.capnp} that cloudflared's level-0 RPC uses, as immutable values with a
 * byte-exact codec (protocol doc Appendix A).
 */
@NullMarked
package io.tunnelagent.protocol.rpc.message;

import org.jspecify.annotations.NullMarked;
