/**
 * HTTP, HTTPS and Unix-socket origins on pooled Netty HTTP/1.1 clients (WebSocket upgrades included) or on multiplexed
 * HTTP/2 connections.
 */
@NullMarked
package io.tunnelagent.core.origin.http;

import org.jspecify.annotations.NullMarked;
