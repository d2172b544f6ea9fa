/**
 * QUIC on Kwik (pure Java), connector role only: an {@code EdgeDialer} whose blocking Kwik streams are adapted to
 * {@code TunnelStream}s with a reader thread per stream and serial writers.
 */
@NullMarked
package io.tunnelagent.transport.quic.kwik;

import org.jspecify.annotations.NullMarked;
