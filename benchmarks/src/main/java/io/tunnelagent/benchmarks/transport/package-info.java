/** Transport throughput harnesses: bounded runs on loopback that report MB/s per direction. */
@NullMarked
package io.tunnelagent.benchmarks.transport;

import org.jspecify.annotations.NullMarked;
