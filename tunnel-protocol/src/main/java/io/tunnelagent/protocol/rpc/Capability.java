package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.message.Content;
import java.util.concurrent.CompletableFuture;

/**
 * A capability served by this side of a connection, e.g. the bootstrap capability. Implementations are called
 * outside the connection's lock and may complete their future on any thread; a future completed exceptionally
 * becomes a Return with an exception (the {@link RpcException#kind()} maps to the exception type, the message
 * becomes its reason — keep secrets out of it).
 */
@FunctionalInterface
public interface Capability {

    /**
     * Handles one call.
     *
     * @param interfaceId the ID of the interface declaring the method
     * @param methodId the method ordinal
     * @param params the parameters struct
     * @return the results struct; use {@link Content#empty()} for empty results
     */
    CompletableFuture<Content> call(long interfaceId, int methodId, Content params);
}
