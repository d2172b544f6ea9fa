/** The edge's Micrometer meters and their Prometheus rendering. */
@NullMarked
package io.tunnelagent.edge.metrics;

import org.jspecify.annotations.NullMarked;
