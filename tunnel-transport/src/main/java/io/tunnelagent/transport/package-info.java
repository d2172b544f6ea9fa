/**
 * The transport API between connector and edge: connections, streams and datagrams, the same for QUIC and HTTP/2
 * and for both roles.
 */
@NullMarked
package io.tunnelagent.transport;

import org.jspecify.annotations.NullMarked;
