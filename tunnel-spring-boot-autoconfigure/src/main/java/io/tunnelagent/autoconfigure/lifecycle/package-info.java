/** Starts the connector after the web server and drains it before the web server's graceful shutdown. */
@NullMarked
package io.tunnelagent.autoconfigure.lifecycle;

import org.jspecify.annotations.NullMarked;
