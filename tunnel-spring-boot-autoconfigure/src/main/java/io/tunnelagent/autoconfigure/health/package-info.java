/** The {@code tunnel} health contributor: UP while a tunnel connection is registered, part of the readiness group. */
@NullMarked
package io.tunnelagent.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
