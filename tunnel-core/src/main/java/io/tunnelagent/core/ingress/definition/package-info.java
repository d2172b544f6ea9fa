/**
 * Mutable, documented definitions of ingress rules and origin request options, as bound from config.yml, JSON or
 * Spring properties before they are compiled into {@link io.tunnelagent.core.ingress.IngressRules}.
 */
@NullMarked
package io.tunnelagent.core.ingress.definition;

import org.jspecify.annotations.NullMarked;
