/**
 * cloudflared's RPC interfaces (RegistrationServer, SessionManager, ConfigurationManager, CloudflaredServer) as Java
 * interfaces, with client stubs over a {@link io.tunnelagent.protocol.rpc.RemoteCapability} and server dispatchers
 * that turn an implementation into a {@link io.tunnelagent.protocol.rpc.Capability}.
 */
@NullMarked
package io.tunnelagent.protocol.service;

import org.jspecify.annotations.NullMarked;
