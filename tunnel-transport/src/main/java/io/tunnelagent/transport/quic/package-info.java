/**
 * The QUIC transport (protocol doc section 3): its settings, the choice between Netty QUIC and Kwik, and the
 * stream heads (signatures and framed {@code ConnectRequest}/{@code ConnectResponse}) both implementations share.
 */
@NullMarked
package io.tunnelagent.transport.quic;

import org.jspecify.annotations.NullMarked;
