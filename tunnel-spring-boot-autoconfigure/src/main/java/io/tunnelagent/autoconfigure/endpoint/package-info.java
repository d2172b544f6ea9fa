/** The {@code tunnel} actuator endpoint: connections, the ingress table in force and a rule tester. */
@NullMarked
package io.tunnelagent.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
