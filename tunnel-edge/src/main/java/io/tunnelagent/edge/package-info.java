/** A local edge for cloudflared-compatible connectors: {@link io.tunnelagent.edge.LocalEdge} and the runnable jar. */
@NullMarked
package io.tunnelagent.edge;

import org.jspecify.annotations.NullMarked;
