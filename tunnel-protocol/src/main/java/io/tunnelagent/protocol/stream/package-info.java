/** The messages at the head of every data stream: {@code ConnectRequest}, {@code ConnectResponse} and their preambles. */
@NullMarked
package io.tunnelagent.protocol.stream;

import org.jspecify.annotations.NullMarked;
