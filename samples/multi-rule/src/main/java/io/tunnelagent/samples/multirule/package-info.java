/** A WebFlux application behind two ingress rules: an HTTP controller, a WebSocket echo and a teapot. */
@NullMarked
package io.tunnelagent.samples.multirule;

import org.jspecify.annotations.NullMarked;
