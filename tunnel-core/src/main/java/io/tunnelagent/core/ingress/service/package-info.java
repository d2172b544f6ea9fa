/** Parsed ingress services (where a rule sends requests) and the URL parsing rules cloudflared applies to them. */
@NullMarked
package io.tunnelagent.core.ingress.service;

import org.jspecify.annotations.NullMarked;
