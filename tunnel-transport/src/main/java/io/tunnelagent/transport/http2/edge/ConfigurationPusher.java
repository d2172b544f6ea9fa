package io.tunnelagent.transport.http2.edge;

import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.http2.headers.ConfigurationJson;
import java.util.concurrent.CompletableFuture;

/**
 * An edge-role HTTP/2 connection that can push a remote configuration to the connector (protocol doc 5.7): a
 * request with {@code Cf-Cloudflared-Proxy-Connection-Upgrade: update-configuration} and the JSON body
 * {@code {"version":N,"config":{…}}}. (On QUIC the same is an RPC call, so this is not part of
 * {@link TunnelConnection}.) Every connection an {@link Http2EdgeListener} hands out implements it.
 */
public interface ConfigurationPusher extends TunnelConnection {

    /**
     * Pushes a configuration and reads the connector's answer.
     *
     * @param version the configuration version
     * @param config the configuration as a JSON object (UTF-8)
     * @return completes with the version the connector has applied and its refusal, if any; fails if the stream
     *     ended without a well-formed answer
     */
    CompletableFuture<ConfigurationJson.Answer> pushConfiguration(int version, byte[] config);
}
