/** The local edge started in-process for development when no Cloudflare credentials are configured. */
@NullMarked
package io.tunnelagent.autoconfigure.edge;

import org.jspecify.annotations.NullMarked;
