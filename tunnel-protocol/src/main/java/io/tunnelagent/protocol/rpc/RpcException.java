package io.tunnelagent.protocol.rpc;

import io.tunnelagent.protocol.ProtocolException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The failure of an RPC call or of a whole RPC connection. {@link #kind()} mirrors Cap'n Proto's
 * {@code Exception.Type} plus {@link Kind#TIMEOUT} for calls that the local side gave up on;
 * {@link #remoteReason()} carries the peer's {@code Exception.reason} when the peer sent one.
 */
public final class RpcException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in Cap'n Proto's terms. */
    public enum Kind {
        /** Something failed; retrying will not help unless the cause is fixed. */
        FAILED,
        /** The peer is overloaded or a limit was hit; retry later. */
        OVERLOADED,
        /** The connection is gone; reconnect and retry. */
        DISCONNECTED,
        /** The peer does not implement the method or message. */
        UNIMPLEMENTED,
        /** No answer arrived within the call's timeout. */
        TIMEOUT
    }

    private final Kind kind;

    private final @Nullable String remoteReason;

    private RpcException(Kind kind, String message, @Nullable String remoteReason, @Nullable Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.remoteReason = remoteReason;
    }

    /**
     * Creates an exception raised locally.
     *
     * @param kind the kind
     * @param message what happened and what to do
     * @return the exception
     */
    public static RpcException of(Kind kind, String message) {
        return new RpcException(kind, message, null, null);
    }

    /**
     * Creates an exception raised locally with a cause.
     *
     * @param kind the kind
     * @param message what happened and what to do
     * @param cause the cause
     * @return the exception
     */
    public static RpcException of(Kind kind, String message, @Nullable Throwable cause) {
        return new RpcException(kind, message, null, cause);
    }

    /**
     * Creates an exception for an {@code Exception} the peer sent.
     *
     * @param kind the kind the peer named
     * @param reason the peer's reason text
     * @return the exception
     */
    public static RpcException remote(Kind kind, String reason) {
        return new RpcException(kind, "Remote peer failed the call: " + reason, reason, null);
    }

    /**
     * Creates an exception for a connection the peer aborted.
     *
     * @param message what happened
     * @param reason the reason the peer gave in its Abort
     * @return the exception
     */
    public static RpcException aborted(String message, String reason) {
        return new RpcException(Kind.DISCONNECTED, message, reason, null);
    }

    /**
     * Returns an exception for a malformed message from the peer.
     *
     * @param detail what is wrong with it
     * @return the exception
     */
    public static RpcException malformed(String detail) {
        return new RpcException(Kind.FAILED, "Malformed Cap'n Proto message: " + detail, null, null);
    }

    /**
     * Returns what went wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return this.kind;
    }

    /**
     * Returns the reason the peer gave, if the failure came from the peer.
     *
     * @return the peer's {@code Exception.reason}, or {@code null}
     */
    public @Nullable String remoteReason() {
        return this.remoteReason;
    }
}
