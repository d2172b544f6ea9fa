/** The SessionManager messages of {@code tunnelrpc.capnp}: UDP session registration for datagram v2 (doc 3.9, 4.4). */
@NullMarked
package io.tunnelagent.protocol.session;

import org.jspecify.annotations.NullMarked;
