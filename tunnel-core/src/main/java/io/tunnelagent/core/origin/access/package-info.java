/** Cloudflare Access: validation of the {@code Cf-Access-Jwt-Assertion} token for rules that require Access. */
@NullMarked
package io.tunnelagent.core.origin.access;

import org.jspecify.annotations.NullMarked;
