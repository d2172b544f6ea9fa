/** Edge addresses: SRV discovery of the two regions or a static list, and their assignment to HA connections. */
@NullMarked
package io.tunnelagent.core.connector.edge;

import org.jspecify.annotations.NullMarked;
