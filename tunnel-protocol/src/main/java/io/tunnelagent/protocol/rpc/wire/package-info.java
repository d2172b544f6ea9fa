/**
 * Minimal Cap'n Proto wire helpers for the RPC layer: stream framing, a bounds-checked pointer reader, a single-segment
 * builder and a deep copier for {@code AnyPointer} payloads.
 */
@NullMarked
package io.tunnelagent.protocol.rpc.wire;

import org.jspecify.annotations.NullMarked;
