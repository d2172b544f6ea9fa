/** One connection with the edge over the transports: dial, control stream, registration, serving incoming streams. */
@NullMarked
package io.tunnelagent.core.connector.session;

import org.jspecify.annotations.NullMarked;
