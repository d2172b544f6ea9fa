/** TCP dialing with Go's error texts, the byte pipe between a tunnel stream and an origin socket, and WARP TCP. */
@NullMarked
package io.tunnelagent.core.origin.tcp;

import org.jspecify.annotations.NullMarked;
