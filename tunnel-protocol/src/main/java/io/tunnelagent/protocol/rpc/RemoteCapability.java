package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.message.Content;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A capability hosted by the peer, as returned by {@link RpcConnection#bootstrap()}. Calls may be made before the
 * peer has answered the bootstrap: they are pipelined on the promised answer.
 */
public interface RemoteCapability {

    /**
     * Calls a method with the connection's default timeout.
     *
     * @param interfaceId the ID of the interface declaring the method
     * @param methodId the method ordinal
     * @param params the parameters struct
     * @return the results struct; fails with {@link RpcException}
     */
    CompletableFuture<Content> call(long interfaceId, int methodId, Content params);

    /**
     * Calls a method.
     *
     * @param interfaceId the ID of the interface declaring the method
     * @param methodId the method ordinal
     * @param params the parameters struct
     * @param timeout how long to wait for the Return before sending Finish and failing with
     *     {@link RpcException.Kind#TIMEOUT}
     * @return the results struct; fails with {@link RpcException}
     */
    CompletableFuture<Content> call(long interfaceId, int methodId, Content params, Duration timeout);

    /** Drops this side's references: sends {@code Release} for the import. Later calls fail. */
    void release();
}
