/** Netty support shared by the Netty-based transports: a {@code TunnelStream} over a Netty channel. */
@NullMarked
package io.tunnelagent.transport.netty;

import org.jspecify.annotations.NullMarked;
