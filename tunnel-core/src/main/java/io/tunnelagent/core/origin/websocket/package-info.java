/** Stream-based origins reached through a WebSocket that the connector terminates: tcp/ssh/rdp/smb and bastion. */
@NullMarked
package io.tunnelagent.core.origin.websocket;

import org.jspecify.annotations.NullMarked;
