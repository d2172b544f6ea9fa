package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.MessageTarget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The peer's bootstrap capability: first a promise on the Bootstrap question (calls are pipelined on it), then an
 * import once the Return arrived, or broken. State is guarded by the connection's lock.
 */
final class ImportedCapability implements RemoteCapability {

    private final ClientSide client;

    private int questionId = -1;

    private int importId = -1;

    private @Nullable RpcException failure;

    private boolean released;

    ImportedCapability(ClientSide client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Content> call(long interfaceId, int methodId, Content params) {
        return this.client.call(this, interfaceId, methodId, params, null);
    }

    @Override
    public CompletableFuture<Content> call(long interfaceId, int methodId, Content params, Duration timeout) {
        return this.client.call(this, interfaceId, methodId, params, timeout);
    }

    @Override
    public void release() {
        this.client.release(this);
    }

    void pending(int questionId) {
        this.questionId = questionId;
    }

    void resolved(int importId) {
        this.importId = importId;
    }

    void broken(RpcException failure) {
        if (this.failure == null) {
            this.failure = failure;
        }
    }

    /** Marks the capability released and returns the import ID to release, or -1. */
    int markReleased() {
        if (this.released) {
            return -1;
        }
        this.released = true;
        return this.importId;
    }

    boolean isReleased() {
        return this.released;
    }

    @Nullable
    RpcException failure() {
        return this.failure;
    }

    /** Returns where calls go now, or null if the capability is released or broken. */
    @Nullable
    MessageTarget target() {
        if (this.released || this.failure != null) {
            return null;
        }
        if (this.importId >= 0) {
            return new MessageTarget.ImportedCap(this.importId);
        }
        return new MessageTarget.PromisedAnswer(this.questionId, List.of());
    }
}
