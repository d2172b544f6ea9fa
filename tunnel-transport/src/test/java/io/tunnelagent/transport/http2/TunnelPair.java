package io.tunnelagent.transport.http2;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslProvider;
import io.tunnelagent.transport.IncomingStream;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.http2.channel.Http2Options;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import io.tunnelagent.transport.http2.edge.ConfigurationPusher;
import io.tunnelagent.transport.http2.edge.Http2EdgeListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A connector connected to an edge over HTTP/2 on loopback, for tests; closes both sides. */
public final class TunnelPair implements AutoCloseable {

    private static final TestCertificates CA = TestCertificates.authority("Tunnel Test CA");
    private static final TestCertificates.Issued EDGE =
            CA.issue("h2.cftunnel.com", "quic.cftunnel.com", "localhost", "127.0.0.1");

    private final Http2EdgeListener listener;
    private final Http2EdgeDialer dialer;
    private final ConfigurationPusher edge;
    private final TunnelConnection connector;
    private final LinkedBlockingQueue<IncomingStream> incoming = new LinkedBlockingQueue<>();

    private TunnelPair(EventLoopGroup group, Http2Options options, SslProvider edgeProvider) {
        CompletableFuture<TunnelConnection> accepted = new CompletableFuture<>();
        this.listener = Http2EdgeListener.builder()
                .certificate(EDGE.key(), EDGE.chain(), edgeProvider)
                .options(options)
                .eventLoopGroup(group)
                .bind();
        listener.setConnectionHandler(accepted::complete);
        this.dialer = Http2EdgeDialer.builder()
                .trustedRoots(List.of(CA.caCertificate()))
                .options(options)
                .eventLoopGroup(group)
                .build();
        this.connector = dialer.dial(listener.localAddress())
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        connector.setIncomingStreamHandler(incoming::add);
        this.edge =
                (ConfigurationPusher) accepted.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * Connects a pair with default options on the preferred TLS provider.
     *
     * @param group the event loop group for both sides
     * @return the pair
     */
    public static TunnelPair connect(EventLoopGroup group) {
        return new TunnelPair(
                group, Http2Options.defaults(), io.tunnelagent.transport.http2.channel.Http2Tls.preferredProvider());
    }

    /**
     * Connects a pair.
     *
     * @param group the event loop group for both sides
     * @param options the options of both sides
     * @param edgeProvider the edge's TLS provider
     * @return the pair
     */
    public static TunnelPair connect(EventLoopGroup group, Http2Options options, SslProvider edgeProvider) {
        return new TunnelPair(group, options, edgeProvider);
    }

    /**
     * The CA that signed the edge certificate.
     *
     * @return the CA
     */
    public static TestCertificates authority() {
        return CA;
    }

    public ConfigurationPusher edge() {
        return edge;
    }

    public TunnelConnection connector() {
        return connector;
    }

    /**
     * Waits for the next stream the edge opened.
     *
     * @return the stream
     * @throws InterruptedException if interrupted
     */
    public IncomingStream nextIncoming() throws InterruptedException {
        IncomingStream next = incoming.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("No incoming stream within 10 s");
        }
        return next;
    }

    @Override
    public void close() {
        connector
                .close(0, "test over")
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(ex -> null)
                .join();
        edge.closeFuture()
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(ex -> null)
                .join();
        listener.closeAsync().orTimeout(5, TimeUnit.SECONDS).join();
        dialer.close();
    }

    static Duration timeout() {
        return Duration.ofSeconds(10);
    }
}
