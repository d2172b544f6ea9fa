/** The supervisor of the HA connections: one reconnect loop per connection index, start-up order, fallback, drain. */
@NullMarked
package io.tunnelagent.core.connector.supervisor;

import org.jspecify.annotations.NullMarked;
