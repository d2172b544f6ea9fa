/** cloudflared's built-in {@code hello_world} test origin: a small TLS server on 127.0.0.1. */
@NullMarked
package io.tunnelagent.core.origin.hello;

import org.jspecify.annotations.NullMarked;
