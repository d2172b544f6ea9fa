/** The connector role over HTTP/2: a TLS client that serves the edge's HTTP/2 requests as tunnel streams. */
@NullMarked
package io.tunnelagent.transport.http2.connector;

import org.jspecify.annotations.NullMarked;
