/** Registration on the control stream: what the connector sends, the RPC calls, and how the edge's answer is read. */
@NullMarked
package io.tunnelagent.core.connector.registration;

import org.jspecify.annotations.NullMarked;
