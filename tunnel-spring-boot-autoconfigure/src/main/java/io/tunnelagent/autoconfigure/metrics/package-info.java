/** The connector's Micrometer meters, bound by Spring Boot to the application's meter registries. */
@NullMarked
package io.tunnelagent.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
