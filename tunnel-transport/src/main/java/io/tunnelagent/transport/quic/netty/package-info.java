/**
 * QUIC on Netty ({@code netty-codec-native-quic}: quiche and BoringSSL through JNI), both roles: the connector's
 * {@code EdgeDialer} and the edge's {@code EdgeListener}.
 */
@NullMarked
package io.tunnelagent.transport.quic.netty;

import org.jspecify.annotations.NullMarked;
