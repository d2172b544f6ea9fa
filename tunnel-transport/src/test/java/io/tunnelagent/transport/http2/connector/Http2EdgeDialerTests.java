package io.tunnelagent.transport.http2.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.tunnelagent.transport.ConnectionClosed;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.http2.TestCertificates;
import io.tunnelagent.transport.http2.channel.Http2Options;
import io.tunnelagent.transport.http2.channel.Http2Tls;
import io.tunnelagent.transport.http2.edge.Http2EdgeListener;
import io.tunnelagent.transport.tls.EdgeCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Http2EdgeDialerTests {

    private static final TestCertificates CA = TestCertificates.authority("Dialer Test CA");
    private static EventLoopGroup group;

    private Http2EdgeDialer dialer;
    private Http2EdgeListener listener;
    private Channel rawServer;

    @BeforeAll
    static void startLoop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void close() {
        if (dialer != null) {
            dialer.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (rawServer != null) {
            rawServer.close().syncUninterruptibly();
        }
    }

    @Test
    void certificateWithoutTheEdgeNameFailsTheDial() {
        listener = listen(CA.issue("other.example.com", "127.0.0.1"));
        dialer = dialer(Http2Options.defaults());

        assertThatThrownBy(() -> dial(listener.localAddress()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("TLS handshake with the edge")
                .hasMessageContaining("h2.cftunnel.com");
    }

    @Test
    void certificateFromAnUntrustedAuthorityFailsTheDial() {
        listener = listen(TestCertificates.authority("Someone Else").issue("h2.cftunnel.com"));
        dialer = dialer(Http2Options.defaults());

        assertThatThrownBy(() -> dial(listener.localAddress()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("TLS handshake with the edge")
                .hasMessageContaining("chain to one of the configured root certificates");
    }

    @Test
    void plaintextPeerFailsTheDial() throws IOException {
        try (ServerSocket plaintext = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerInPlaintext(plaintext), "plaintext-peer");
            server.setDaemon(true);
            server.start();
            dialer = dialer(Http2Options.defaults());

            assertThatThrownBy(() -> dial((InetSocketAddress) plaintext.getLocalSocketAddress()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("did not answer with TLS");
        }
    }

    @Test
    void refusedConnectionFailsTheDial() throws IOException {
        InetSocketAddress closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) socket.getLocalSocketAddress();
        }
        dialer = dialer(Http2Options.defaults());

        assertThatThrownBy(() -> dial(closed))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("Could not connect to the edge");
    }

    @Test
    void silentEdgeIsDetectedByPingWithinTheTimeout() {
        startSilentTlsServer();
        dialer = dialer(Http2Options.defaults().withLiveness(Duration.ofMillis(200), Duration.ofMillis(1000)));
        TunnelConnection connection = dial((InetSocketAddress) rawServer.localAddress());

        ConnectionClosed closed =
                connection.closeFuture().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(closed.byPeer()).isTrue();
        assertThat(closed.errorCode()).isEqualTo(-1);
        assertThat(closed.cause()).isInstanceOf(TransportException.class).hasMessageContaining("did not answer PING");
    }

    @Test
    void edgeOnBoringSslAcceptsAPostQuantumOnlyClient() throws Exception {
        listener = listen(CA.issue("h2.cftunnel.com"));
        io.netty.handler.ssl.SslContext strict = io.netty.handler.ssl.SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .trustManager(CA.caCertificate())
                .option(io.netty.handler.ssl.OpenSslContextOption.GROUPS, new String[] {"X25519MLKEM768"})
                .build();
        io.netty.util.concurrent.Promise<Channel> handshake = group.next().newPromise();
        Channel client = new io.netty.bootstrap.Bootstrap()
                .group(group)
                .channel(io.netty.channel.socket.nio.NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        io.netty.handler.ssl.SslHandler tls =
                                strict.newHandler(channel.alloc(), "h2.cftunnel.com", 7844);
                        tls.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                handshake.setSuccess(channel);
                            } else {
                                handshake.setFailure(f.cause());
                            }
                        });
                        channel.pipeline().addLast(tls);
                    }
                })
                .connect(listener.localAddress())
                .syncUninterruptibly()
                .channel();
        try {
            assertThat(handshake.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(handshake.isSuccess())
                    .as("handshake: %s", handshake.cause())
                    .isTrue();
        } finally {
            client.close().syncUninterruptibly();
        }
    }

    private Http2EdgeListener listen(TestCertificates.Issued certificate) {
        return Http2EdgeListener.builder()
                .certificate(EdgeCertificate.of(certificate.key(), certificate.chain()), Http2Tls.preferredProvider())
                .eventLoopGroup(group)
                .bind();
    }

    private Http2EdgeDialer dialer(Http2Options options) {
        return Http2EdgeDialer.builder()
                .trustedRoots(List.of(CA.caCertificate()))
                .dialTimeout(Duration.ofSeconds(5))
                .options(options)
                .eventLoopGroup(group)
                .build();
    }

    private TunnelConnection dial(InetSocketAddress address) {
        try {
            return dialer.dial(address).orTimeout(10, TimeUnit.SECONDS).join();
        } catch (CompletionException ex) {
            throw (RuntimeException) ex.getCause();
        }
    }

    private void startSilentTlsServer() {
        TestCertificates.Issued edge = CA.issue("h2.cftunnel.com");
        io.netty.handler.ssl.SslContext tls =
                Http2Tls.server(EdgeCertificate.of(edge.key(), edge.chain()), Http2Tls.preferredProvider());
        rawServer = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        channel.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .syncUninterruptibly()
                .channel();
    }

    private static void answerInPlaintext(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] hello = new byte[5];
            in.readNBytes(hello, 0, hello.length);
            socket.getOutputStream()
                    .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            in.read();
        } catch (IOException ex) {
            // the dialer closed the connection
        }
    }
}
