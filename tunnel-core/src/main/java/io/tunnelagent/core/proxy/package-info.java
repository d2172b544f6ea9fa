/** The stream dispatcher: ConnectRequest → ingress rule → origin → ConnectResponse and body, with listener hooks. */
@NullMarked
package io.tunnelagent.core.proxy;

import org.jspecify.annotations.NullMarked;
