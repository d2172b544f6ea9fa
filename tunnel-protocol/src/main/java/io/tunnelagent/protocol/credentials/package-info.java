/** Codecs for the tunnel token and the credentials file, with a tunnel secret that never prints itself. */
@NullMarked
package io.tunnelagent.protocol.credentials;

import org.jspecify.annotations.NullMarked;
