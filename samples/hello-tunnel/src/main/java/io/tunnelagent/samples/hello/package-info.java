/** A WebFlux application reachable through a tunnel: the starter, a controller, and nothing else. */
@NullMarked
package io.tunnelagent.samples.hello;

import org.jspecify.annotations.NullMarked;
