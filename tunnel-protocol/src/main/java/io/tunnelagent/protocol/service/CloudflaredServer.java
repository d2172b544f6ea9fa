package io.tunnelagent.protocol.service;

/**
 * {@code CloudflaredServer} ({@code 0xf548cef9dea2a4a1}): what the connector serves on edge-opened RPC streams. It has
 * no methods of its own; calls carry the ID of the interface that declares the method (§4.4 "Wire rule").
 */
public interface CloudflaredServer extends SessionManager, ConfigurationManager {}
