/** The end-to-end load harness: origin, local edge and connector in one JVM, driven through each transport. */
@NullMarked
package io.tunnelagent.benchmarks.load;

import org.jspecify.annotations.NullMarked;
