/** The connector's auto-configuration: event loops, edge dialers, origin proxy, connector and their customizers. */
@NullMarked
package io.tunnelagent.autoconfigure.connector;

import org.jspecify.annotations.NullMarked;
