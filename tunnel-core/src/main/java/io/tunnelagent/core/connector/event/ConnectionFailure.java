package io.tunnelagent.core.connector.event;

/**
 * Why a connection attempt failed, classified the way cloudflared's supervisor treats it (protocol doc 1.4–1.5 and
 * 4.5).
 *
 * @param kind the class of failure
 * @param message the error text (never contains credentials)
 */
public record ConnectionFailure(Kind kind, String message) {

    /** The class of a failure, which decides backoff, address rotation and fallback. */
    public enum Kind {
        /** TCP/TLS or QUIC dial or handshake failure: rotate the address; counts toward protocol fallback. */
        DIAL,
        /** QUIC cannot work on this network (idle timeout, "operation not permitted"): fall back at once. */
        QUIC_BROKEN,
        /** The edge said {@code EDUPCONN}: already connected to this server, try another address. */
        DUPLICATE,
        /** The edge refused the registration and said to retry. */
        RETRYABLE,
        /** The edge refused the registration for good (at start-up it aborts unless it says "Unauthorized"). */
        PERMANENT,
        /** The control stream or RPC failed, or the call timed out. */
        CONTROL_STREAM,
        /** An established connection was lost. */
        LOST
    }

    /**
     * The "Unauthorized" case that is retried at start-up, assumed to be propagation lag of a new tunnel.
     *
     * @return true if the message contains "Unauthorized"
     */
    public boolean unauthorized() {
        return this.message.contains("Unauthorized");
    }

    /**
     * Whether this failure stops start-up: a permanent registration refusal that is not "Unauthorized".
     *
     * @return true if start-up should fail
     */
    public boolean abortsStartup() {
        return this.kind == Kind.PERMANENT && !unauthorized();
    }

    @Override
    public String toString() {
        return this.kind + ": " + this.message;
    }
}
