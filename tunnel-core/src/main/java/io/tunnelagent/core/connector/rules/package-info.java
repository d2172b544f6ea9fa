/** The ingress table in force: local hot swap and remote {@code updateConfiguration} with cloudflared's version rules. */
@NullMarked
package io.tunnelagent.core.connector.rules;

import org.jspecify.annotations.NullMarked;
