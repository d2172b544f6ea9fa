package io.tunnelagent.transport.quic.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.quic.QuicImplementation;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import io.tunnelagent.transport.tls.TestPki;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NettyQuicPostQuantumTests {

    private final TestPki pki = TestPki.create();
    private EventLoopGroup group;
    private NettyQuicListener listener;

    @BeforeEach
    void listen() {
        group = EventLoops.newGroup("quic-pq-test", 1);
        listener = NettyQuicListener.bind(
                new InetSocketAddress("127.0.0.1", 0), pki.edgeCertificate(), QuicSettings.edge(), group);
        listener.setConnectionHandler(connection -> {});
    }

    @AfterEach
    void shutDown() throws Exception {
        listener.closeAsync().get(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    }

    @Test
    void strictPostQuantumConnectorConnectsToTheEdgeWithX25519Mlkem768() throws Exception {
        QuicSettings strict = QuicSettings.connector().withPostQuantumStrict(true);
        try (var dialer = NettyQuicDialer.create(pki.trust(), strict, group)) {
            TunnelConnection connection = dialer.dial(listener.localAddress()).get(5, TimeUnit.SECONDS);

            assertThat(connection.closeFuture()).isNotDone();
            connection.close(0, "").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void kwikRefusesTheStrictPostQuantumMode() {
        QuicSettings strict = QuicSettings.connector().withPostQuantumStrict(true);

        assertThatThrownBy(() -> QuicTransports.dialer(QuicImplementation.KWIK, pki.trust(), strict, group))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("post-quantum");
    }
}
