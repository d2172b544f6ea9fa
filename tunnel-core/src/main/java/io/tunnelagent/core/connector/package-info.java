/** The tunnel connector: HA connections to the Cloudflare edge, serving requests, readiness and graceful drain. */
@NullMarked
package io.tunnelagent.core.connector;

import org.jspecify.annotations.NullMarked;
