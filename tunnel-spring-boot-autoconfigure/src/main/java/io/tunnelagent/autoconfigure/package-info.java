/** Spring Boot auto-configuration of a Cloudflare Tunnel connector: properties and connection details. */
@NullMarked
package io.tunnelagent.autoconfigure;

import org.jspecify.annotations.NullMarked;
