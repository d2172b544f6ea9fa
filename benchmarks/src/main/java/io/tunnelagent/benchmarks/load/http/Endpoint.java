package io.tunnelagent.benchmarks.load.http;

import java.net.InetSocketAddress;

/**
 * Where the load generator sends its requests.
 *
 * @param address the TCP address to connect to (the origin, or the edge's visitor port)
 * @param host the {@code Host} header, which picks the tunnel at the edge
 */
public record Endpoint(InetSocketAddress address, String host) {}
