/** HTTP, HTTPS and Unix-socket origins on pooled Netty HTTP/1.1 clients, including WebSocket upgrades. */
@NullMarked
package io.tunnelagent.core.origin.http;

import org.jspecify.annotations.NullMarked;
