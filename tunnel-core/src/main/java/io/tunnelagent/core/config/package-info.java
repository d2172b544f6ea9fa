/**
 * cloudflared's configuration formats: Go duration strings, {@code config.yml}, and the flag values kept from it,
 * read into the ingress definitions of {@link io.tunnelagent.core.ingress.definition}.
 */
@NullMarked
package io.tunnelagent.core.config;

import org.jspecify.annotations.NullMarked;
