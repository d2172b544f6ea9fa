package io.tunnelagent.core.connector.protocol;

import io.tunnelagent.transport.TransportProtocol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The protocol all connections use now, shared by the connection loops. Fallback follows cloudflared (protocol doc
 * 1.6): after a failed attempt over the current protocol, and only while no connection has ever registered over
 * it, switch to the fallback when the connection's retry count reached {@code --retries}, or at once when the error
 * means QUIC cannot work here (idle timeout during the handshake, "operation not permitted").
 *
 * <p>Beyond cloudflared: once fallen back, {@link #reprobeDue()} says every {@code reprobeInterval} that QUIC should
 * be tried again; {@link #probeSucceeded()} moves the selection back to QUIC (the connections then move one by one).
 */
public final class ProtocolSelector {

    private final ProtocolMode mode;

    private final Clock clock;

    private final Duration reprobeInterval;

    private final Set<TransportProtocol> connectedWith = EnumSet.noneOf(TransportProtocol.class);

    private TransportProtocol current;

    private @Nullable Instant lastProbe;

    /**
     * Creates a selector.
     *
     * @param mode the configured mode
     * @param clock the clock for re-probe timing
     * @param reprobeInterval how long to stay on the fallback before trying QUIC again; zero disables re-probing
     */
    public ProtocolSelector(ProtocolMode mode, Clock clock, Duration reprobeInterval) {
        this.mode = mode;
        this.clock = clock;
        this.reprobeInterval = reprobeInterval;
        this.current = mode.initial();
    }

    /**
     * The configured mode.
     *
     * @return the mode
     */
    public ProtocolMode mode() {
        return this.mode;
    }

    /**
     * The protocol new connection attempts use.
     *
     * @return the protocol
     */
    public synchronized TransportProtocol current() {
        return this.current;
    }

    /**
     * Records that a connection registered over a protocol; from then on failures over it no longer cause a
     * fallback.
     *
     * @param protocol the protocol
     */
    public synchronized void connected(TransportProtocol protocol) {
        this.connectedWith.add(protocol);
    }

    /**
     * Decides, after a failed attempt, whether to switch to the fallback protocol.
     *
     * @param attempted the protocol the attempt used
     * @param reachedMaxRetries whether the connection's retry count is at {@code --retries}
     * @param quicBroken whether the error means QUIC cannot work on this network
     * @return the protocol switched to, or empty when nothing changed
     */
    public synchronized Optional<TransportProtocol> afterFailure(
            TransportProtocol attempted, boolean reachedMaxRetries, boolean quicBroken) {
        Optional<TransportProtocol> fallback = this.mode.fallback();
        if (fallback.isEmpty()
                || attempted != this.current
                || this.current == fallback.get()
                || this.connectedWith.contains(this.current)) {
            return Optional.empty();
        }
        if (!reachedMaxRetries && !(quicBroken && this.current == TransportProtocol.QUIC)) {
            return Optional.empty();
        }
        this.current = fallback.get();
        this.lastProbe = this.clock.instant();
        return fallback;
    }

    /**
     * Whether a QUIC re-probe is due: in {@code auto} mode, on the fallback, and {@code reprobeInterval} after the
     * fallback or the last failed probe.
     *
     * @return true if the caller should try QUIC now
     */
    public synchronized boolean reprobeDue() {
        Instant since = this.lastProbe;
        if (this.mode != ProtocolMode.AUTO
                || this.current == this.mode.initial()
                || since == null
                || this.reprobeInterval.isZero()) {
            return false;
        }
        return !this.clock.instant().isBefore(since.plus(this.reprobeInterval));
    }

    /** A QUIC probe connected: new attempts use QUIC again, and a later QUIC failure may fall back again. */
    public synchronized void probeSucceeded() {
        this.current = this.mode.initial();
        this.connectedWith.remove(this.current);
        this.lastProbe = null;
    }

    /** A QUIC probe failed: stay on the fallback and try again after another interval. */
    public synchronized void probeFailed() {
        this.lastProbe = this.clock.instant();
    }
}
