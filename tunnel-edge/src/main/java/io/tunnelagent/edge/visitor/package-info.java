/** The visitor side of the edge: an HTTP/1.1 and HTTP/2 listener (plain and TLS) that routes requests by host to a tunnel's connector connection. */
@NullMarked
package io.tunnelagent.edge.visitor;

import org.jspecify.annotations.NullMarked;
