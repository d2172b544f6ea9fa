/** The ConfigurationManager messages of {@code tunnelrpc.capnp}: remote configuration pushed by the edge (doc 4.4, 4.6). */
@NullMarked
package io.tunnelagent.protocol.config;

import org.jspecify.annotations.NullMarked;
