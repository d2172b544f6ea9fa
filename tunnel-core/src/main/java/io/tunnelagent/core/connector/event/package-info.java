/** Connection events of a connector: what registered, what ended, what failed and why. */
@NullMarked
package io.tunnelagent.core.connector.event;

import org.jspecify.annotations.NullMarked;
