/** Throughput harnesses for the transports (not part of the test suite). */
@NullMarked
package io.tunnelagent.benchmarks.transport;

import org.jspecify.annotations.NullMarked;
