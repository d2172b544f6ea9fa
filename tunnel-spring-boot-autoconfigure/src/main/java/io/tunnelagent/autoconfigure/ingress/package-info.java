/** Ingress rules for a Spring application: bound from {@code cloudflare.tunnel.ingress}, validated and refreshed. */
@NullMarked
package io.tunnelagent.autoconfigure.ingress;

import org.jspecify.annotations.NullMarked;
