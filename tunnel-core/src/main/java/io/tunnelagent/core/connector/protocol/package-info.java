/** Transport selection: {@code auto}/{@code quic}/{@code http2}, QUIC to HTTP/2 fallback, and the QUIC re-probe. */
@NullMarked
package io.tunnelagent.core.connector.protocol;

import org.jspecify.annotations.NullMarked;
