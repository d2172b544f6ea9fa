/**
 * Compiled, immutable ingress rules with cloudflared's validation and matching semantics: the table that maps an
 * incoming request's host and path to a service.
 */
@NullMarked
package io.tunnelagent.core.ingress;

import org.jspecify.annotations.NullMarked;
