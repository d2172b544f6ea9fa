/**
 * A hand-written Cap'n Proto codec: standard stream framing, bounds-checked readers with traversal and nesting
 * limits, and a single-segment message builder that lays objects out in allocation order.
 */
@NullMarked
package io.tunnelagent.protocol.capnp;

import org.jspecify.annotations.NullMarked;
