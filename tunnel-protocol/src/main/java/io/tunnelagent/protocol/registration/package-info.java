/**
 * The RegistrationServer messages of {@code tunnelrpc.capnp} (protocol doc sections 4.3–4.5) and the interface IDs
 * and method ordinals of every interface cloudflared calls or serves.
 */
@NullMarked
package io.tunnelagent.protocol.registration;

import org.jspecify.annotations.NullMarked;
