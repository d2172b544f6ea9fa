/**
 * The JSON configuration documents exchanged with the edge: the remote configuration received with
 * {@code updateConfiguration} and the local configuration pushed with {@code updateLocalConfiguration}.
 */
@NullMarked
package io.tunnelagent.core.config.json;

import org.jspecify.annotations.NullMarked;
