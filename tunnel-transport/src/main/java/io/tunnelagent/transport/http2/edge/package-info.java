/** The edge role over HTTP/2: a TLS server that sends proxied requests to the connector as an HTTP/2 client. */
@NullMarked
package io.tunnelagent.transport.http2.edge;

import org.jspecify.annotations.NullMarked;
