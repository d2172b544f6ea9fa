/**
 * TLS material shared by the transports: the roots that verify the edge, the edge's own certificate and key from
 * PEM files, and the key-exchange groups.
 */
@NullMarked
package io.tunnelagent.transport.tls;

import org.jspecify.annotations.NullMarked;
