/** The edge's admin HTTP API (bearer-token protected), its Prometheus endpoint and the command-line client. */
@NullMarked
package io.tunnelagent.edge.admin;

import org.jspecify.annotations.NullMarked;
