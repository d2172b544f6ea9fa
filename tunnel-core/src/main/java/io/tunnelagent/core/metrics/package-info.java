/** Micrometer meters for the connector, named after cloudflared's Prometheus metrics, with bounded tags only. */
@NullMarked
package io.tunnelagent.core.metrics;

import org.jspecify.annotations.NullMarked;
