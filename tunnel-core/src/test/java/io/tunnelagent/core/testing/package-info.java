/** Test helpers shared by the core module's tests. */
@NullMarked
package io.tunnelagent.core.testing;

import org.jspecify.annotations.NullMarked;
