/** The behaviour of {@code cloudflared tunnel ingress validate} and {@code ingress rule}, as reusable functions. */
@NullMarked
package io.tunnelagent.core.config.cli;

import org.jspecify.annotations.NullMarked;
