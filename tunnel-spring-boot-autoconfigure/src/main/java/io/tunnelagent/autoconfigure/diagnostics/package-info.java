/** Failure analyzers that explain why the tunnel could not start and what to do about it. */
@NullMarked
package io.tunnelagent.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
