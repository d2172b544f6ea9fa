package io.tunnelagent.transport;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A remote configuration pushed by the edge over HTTP/2 (protocol doc 5.7): a request with
 * {@code Cf-Cloudflared-Proxy-Connection-Upgrade: update-configuration} and a JSON body
 * {@code {"version":…,"config":{…}}}, already read whole. (On QUIC the same arrives as an RPC call on an
 * {@link IncomingRpcStream}.)
 */
public non-sealed interface IncomingConfigurationUpdate extends IncomingStream {

    /**
     * The configuration version.
     *
     * @return the version
     */
    int version();

    /**
     * The configuration as JSON bytes (the {@code config} member of the request body).
     *
     * @return the JSON bytes
     */
    byte[] config();

    /**
     * Answers with the version now applied and an error, if the update was refused.
     *
     * @param latestAppliedVersion the version in force after the update
     * @param error why the update was refused, or null
     * @return completes when the response was written
     */
    CompletableFuture<Void> respond(int latestAppliedVersion, @Nullable String error);
}
