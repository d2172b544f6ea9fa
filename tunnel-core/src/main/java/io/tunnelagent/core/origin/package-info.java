/** Origin services: where a proxied stream goes once its ingress rule is known, and how its outcome is reported. */
@NullMarked
package io.tunnelagent.core.origin;

import org.jspecify.annotations.NullMarked;
