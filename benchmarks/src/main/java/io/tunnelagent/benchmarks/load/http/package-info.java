/** The load harness's HTTP/1.1 ends: a Netty origin and a Netty keep-alive load generator. */
@NullMarked
package io.tunnelagent.benchmarks.load.http;

import org.jspecify.annotations.NullMarked;
