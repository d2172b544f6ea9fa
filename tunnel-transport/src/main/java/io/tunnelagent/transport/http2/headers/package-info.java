/**
 * The mapping between HTTP/2 requests and responses and the tunnel's stream heads ({@code ConnectRequest},
 * {@code ConnectResponse}, configuration updates), following cloudflared's internal {@code Cf-Cloudflared-*}
 * headers (protocol doc section 5).
 */
@NullMarked
package io.tunnelagent.transport.http2.headers;

import org.jspecify.annotations.NullMarked;
