/**
 * Netty plumbing shared by both HTTP/2 roles: stream-frame translation, stream operations, settings, liveness and
 * connection state.
 */
@NullMarked
package io.tunnelagent.transport.http2.channel;

import org.jspecify.annotations.NullMarked;
