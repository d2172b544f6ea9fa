/** Tunnels, their secrets and the hostname routes that send visitors to them. */
@NullMarked
package io.tunnelagent.edge.tunnel;

import org.jspecify.annotations.NullMarked;
