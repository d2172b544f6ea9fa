/** Cloudflare Tunnel's wire protocol: the base exception shared by the codec, the RPC layer and the credential codecs. */
@NullMarked
package io.tunnelagent.protocol;

import org.jspecify.annotations.NullMarked;
