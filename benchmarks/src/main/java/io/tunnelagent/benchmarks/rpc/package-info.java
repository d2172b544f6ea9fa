/** JMH benchmarks of the Cap'n Proto RPC layer. */
@NullMarked
package io.tunnelagent.benchmarks.rpc;

import org.jspecify.annotations.NullMarked;
