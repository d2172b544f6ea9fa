/**
 * Immutable, fully resolved origin request and warp-routing settings: cloudflared's defaults, overridden by the global
 * definition, overridden by the rule's definition, field by field.
 */
@NullMarked
package io.tunnelagent.core.ingress.request;

import org.jspecify.annotations.NullMarked;
