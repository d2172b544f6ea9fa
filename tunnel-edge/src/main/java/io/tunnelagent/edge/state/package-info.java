/** The edge's state directory: atomic, owner-only files, the CA and the edge certificate. */
@NullMarked
package io.tunnelagent.edge.state;

import org.jspecify.annotations.NullMarked;
