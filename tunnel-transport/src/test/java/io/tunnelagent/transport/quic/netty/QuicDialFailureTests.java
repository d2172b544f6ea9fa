package io.tunnelagent.transport.quic.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.quic.QuicImplementation;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import io.tunnelagent.transport.tls.EdgeCertificate;
import io.tunnelagent.transport.tls.TestPki;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Dials that must fail, each with a message that says what is wrong. */
@ParameterizedClass
@EnumSource(
        value = QuicImplementation.class,
        names = {"NETTY", "KWIK"})
class QuicDialFailureTests {

    private static final long TIMEOUT = 8;

    @Parameter
    QuicImplementation implementation;

    private final TestPki pki = TestPki.create();
    private EventLoopGroup group;
    private EdgeDialer dialer;
    private NettyQuicListener listener;
    private Channel udp;

    @BeforeEach
    void createDialer() {
        group = EventLoops.newGroup("quic-fail-test", 1);
        QuicSettings settings = QuicSettings.connector().withHandshakeTimeout(Duration.ofSeconds(2));
        dialer = QuicTransports.dialer(implementation, pki.trust(), settings, group);
    }

    @AfterEach
    void shutDown() throws Exception {
        dialer.close();
        if (listener != null) {
            listener.closeAsync().get(TIMEOUT, TimeUnit.SECONDS);
        }
        if (udp != null) {
            udp.close().sync();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(TIMEOUT, TimeUnit.SECONDS);
    }

    @Test
    void edgeCertificateWithoutTheQuicServerNameFailsTheDial() {
        listen(pki.edgeCertificate(List.of("h2.cftunnel.com", "localhost", "127.0.0.1")), QuicSettings.ALPN);

        assertThat(dialFailure(listener.localAddress()))
                .hasMessageContaining("TLS handshake with QUIC edge")
                .hasMessageContaining("quic.cftunnel.com");
    }

    @Test
    void edgeCertificateFromAnotherCaFailsTheDial() {
        listen(TestPki.create().edgeCertificate(), QuicSettings.ALPN);

        assertThat(dialFailure(listener.localAddress()))
                .hasMessageContaining("TLS handshake with QUIC edge")
                .hasMessageContaining("chain to EdgeTrust");
    }

    @Test
    void edgeWithAnotherAlpnFailsTheDial() {
        listen(pki.edgeCertificate(), "h3");

        assertThat(dialFailure(listener.localAddress())).hasMessageContaining("ALPN 'argotunnel'");
    }

    @Test
    void peerThatAnswersJunkFailsTheDialWithinTheHandshakeTimeout() throws Exception {
        udp = EventLoops.datagramBootstrap(group, 0)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ctx.writeAndFlush(new DatagramPacket(
                                Unpooled.copiedBuffer("HTTP/1.1 400 Bad Request\r\n\r\n", StandardCharsets.US_ASCII),
                                packet.sender()));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();

        assertThat(dialFailure((InetSocketAddress) udp.localAddress()))
                .hasMessageContaining("did not complete within 2000 ms");
    }

    @Test
    void peerThatAnswersNothingFailsTheDialWithinTheHandshakeTimeout() throws Exception {
        udp = EventLoops.datagramBootstrap(group, 0)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        // silence
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();

        assertThat(dialFailure((InetSocketAddress) udp.localAddress()))
                .hasMessageContaining("did not complete within 2000 ms");
    }

    private void listen(EdgeCertificate certificate, String alpn) {
        listener = NettyQuicListener.bind(
                new InetSocketAddress("127.0.0.1", 0), certificate, QuicSettings.edge(), group, alpn);
        listener.setConnectionHandler(connection -> {});
    }

    private TransportException dialFailure(InetSocketAddress address) {
        try {
            dialer.dial(address).get(TIMEOUT, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            assertThat(ex.getCause()).isInstanceOf(TransportException.class);
            return (TransportException) ex.getCause();
        } catch (Exception ex) {
            throw new AssertionError("dial did not fail in time", ex);
        }
        throw new AssertionError("dial to " + address + " succeeded");
    }
}
