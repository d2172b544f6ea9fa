package io.tunnelagent.transport.quic.kwik;

import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.netty.DialFailures;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.kwik.core.QuicClientConnection;

/**
 * The connector's QUIC dialer on Kwik (pure Java): SNI {@code quic.cftunnel.com} verified against
 * {@link EdgeTrust}, ALPN {@code argotunnel}, datagrams, keep-alive and idle timeout from {@link QuicSettings}.
 * Kwik's TLS offers only the P-256 key exchange (no X25519MLKEM768, so no strict post-quantum mode). Threads come
 * from a cached daemon pool the dialer owns; {@link #close()} stops it, which also ends the streams it carries.
 */
public final class KwikQuicDialer implements EdgeDialer {

    private static final Logger log = LoggerFactory.getLogger(KwikQuicDialer.class);

    private final EdgeTrust trust;
    private final QuicSettings settings;
    private final ExecutorService pool;

    private KwikQuicDialer(EdgeTrust trust, QuicSettings settings) {
        if (settings.postQuantumStrict()) {
            throw new TransportException(
                    "Kwik cannot do post-quantum key exchange (it offers only P-256); use Netty QUIC for --post-quantum");
        }
        this.trust = trust;
        this.settings = settings;
        this.pool = Executors.newCachedThreadPool(daemonThreads());
    }

    /**
     * Creates a dialer.
     *
     * @param trust the roots that verify the edge
     * @param settings the QUIC settings, usually {@link QuicSettings#connector()}
     * @return the dialer
     */
    public static KwikQuicDialer create(EdgeTrust trust, QuicSettings settings) {
        return new KwikQuicDialer(trust, settings);
    }

    @Override
    public TransportProtocol protocol() {
        return TransportProtocol.QUIC;
    }

    @Override
    public CompletableFuture<TunnelConnection> dial(InetSocketAddress edge) {
        return CompletableFuture.supplyAsync(() -> connect(edge), pool);
    }

    private TunnelConnection connect(InetSocketAddress edge) {
        if (edge.isUnresolved()) {
            throw new TransportException("Edge address " + edge + " is not resolved");
        }
        QuicClientConnection connection;
        try {
            connection = QuicClientConnection.newBuilder()
                    .applicationProtocol(QuicSettings.ALPN)
                    .host(EdgeTrust.QUIC_SERVER_NAME)
                    .port(edge.getPort())
                    .proxy(edge.getAddress().getHostAddress())
                    .customTrustManager(trust.trustManager(EdgeTrust.QUIC_SERVER_NAME))
                    .connectTimeout(settings.handshakeTimeout())
                    .maxIdleTimeout(settings.maxIdleTimeout())
                    .defaultStreamReceiveBufferSize(settings.streamWindow())
                    .maxOpenPeerInitiatedBidirectionalStreams(
                            (int) Math.min(Integer.MAX_VALUE, settings.maxIncomingStreams()))
                    .maxOpenPeerInitiatedUnidirectionalStreams(0)
                    .socketFactory(address -> socket(settings.socketBufferSize()))
                    .enableDatagramExtension()
                    .build();
        } catch (IOException | RuntimeException ex) {
            throw new TransportException("Cannot set up a Kwik QUIC connection to " + edge + ": " + ex, ex);
        }
        try {
            connection.connect();
        } catch (IOException | RuntimeException ex) {
            throw failure(edge, ex);
        }
        if (!settings.keepAlivePeriod().isZero()) {
            // Kwik's argument is how long to keep the connection alive in total, not the period: it pings every
            // half idle timeout (whole seconds) until then. So: for as long as the connection lives.
            connection.keepAlive(Integer.MAX_VALUE);
        }
        log.debug("Kwik QUIC connection to {} established", edge);
        return new KwikConnection(connection, edge, pool);
    }

    private TransportException failure(InetSocketAddress edge, Exception ex) {
        String text = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("application protocol")
                || text.contains("no_application_protocol")
                || text.contains("alpn")) {
            return new TransportException(
                    "QUIC edge " + edge + " refused ALPN '" + QuicSettings.ALPN + "'; it is not a tunnel edge: "
                            + ex.getMessage(),
                    ex);
        }
        if (text.contains("certificate") || text.contains("tls") || text.contains("alert")) {
            return new TransportException(
                    "TLS handshake with QUIC edge " + edge + " failed: " + ex.getMessage()
                            + "; the edge certificate must name " + EdgeTrust.QUIC_SERVER_NAME + " and chain to "
                            + trust,
                    ex);
        }
        if (text.contains("timeout") || text.contains("timed out")) {
            return new TransportException(DialFailures.handshakeTimeoutMessage(edge, settings.handshakeTimeout()), ex);
        }
        return new TransportException("QUIC dial to " + edge + " failed: " + ex, ex);
    }

    private static DatagramSocket socket(int bufferSize) throws java.net.SocketException {
        DatagramSocket socket = new DatagramSocket();
        if (bufferSize > 0) {
            socket.setReceiveBufferSize(bufferSize);
            socket.setSendBufferSize(bufferSize);
        }
        return socket;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "kwik-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "KwikQuicDialer[" + trust + "]";
    }
}
