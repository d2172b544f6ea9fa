/** Retry timing for edge connections: cloudflared's exponential backoff with full jitter, and an injectable delay. */
@NullMarked
package io.tunnelagent.core.connector.retry;

import org.jspecify.annotations.NullMarked;
