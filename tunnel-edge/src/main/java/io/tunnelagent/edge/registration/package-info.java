/** The edge's {@code RegistrationServer}: connector registration over the control stream and the registry of live connections. */
@NullMarked
package io.tunnelagent.edge.registration;

import org.jspecify.annotations.NullMarked;
