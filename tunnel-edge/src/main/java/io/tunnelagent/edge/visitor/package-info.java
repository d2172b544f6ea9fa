/** The visitor side of the edge: an HTTP listener that routes requests by host to a tunnel's connector connection. */
@NullMarked
package io.tunnelagent.edge.visitor;

import org.jspecify.annotations.NullMarked;
