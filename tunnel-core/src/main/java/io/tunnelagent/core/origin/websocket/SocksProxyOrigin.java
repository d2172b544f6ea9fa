package io.tunnelagent.core.origin.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.tunnelagent.core.ingress.request.IpRule;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.origin.OriginErrors;
import io.tunnelagent.core.origin.OriginException;
import io.tunnelagent.core.origin.OriginRequest;
import io.tunnelagent.core.origin.OriginService;
import io.tunnelagent.core.origin.StreamExchange;
import io.tunnelagent.core.origin.tcp.PipeCodec;
import io.tunnelagent.core.origin.tcp.StreamPipe;
import io.tunnelagent.core.origin.tcp.TcpDialer;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.net.InetAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code socks-proxy} service: after the WebSocket upgrade the payload is a SOCKS5 conversation (RFC 1928, no
 * authentication, {@code CONNECT} only) whose destination is checked against the rule's {@code ipRules} in order,
 * first match wins, no match denies (cloudflared's {@code ipaccess} policy with default deny). Allowed destinations
 * are dialled with the rule's {@code connectTimeout} and then piped like any TCP-over-WebSocket origin.
 */
public final class SocksProxyOrigin implements OriginService {

    private final EventLoopGroup group;
    private final TcpDialer dialer;
    private final OriginRequestConfig config;
    private final List<IpRule> rules;

    /**
     * Creates the service.
     *
     * @param group the event loop group (for name resolution off the caller's thread)
     * @param dialer the dialer
     * @param config the rule's settings
     * @param rules the access rules
     */
    public SocksProxyOrigin(EventLoopGroup group, TcpDialer dialer, OriginRequestConfig config, List<IpRule> rules) {
        this.group = group;
        this.dialer = dialer;
        this.config = config;
        this.rules = List.copyOf(rules);
    }

    @Override
    public void serve(StreamExchange exchange) {
        OriginRequest request = exchange.http();
        String key = request.header("Sec-WebSocket-Key");
        List<Metadata> headers = List.of(
                Metadata.header("Connection", "Upgrade"),
                Metadata.header("Sec-Websocket-Accept", WebSocketAccept.of(key == null ? "" : key)),
                Metadata.header("Upgrade", "websocket"));
        exchange.respond(101, headers).whenComplete((ignored, error) -> {
            if (error != null) {
                exchange.fail(error);
            } else {
                exchange.stream().setInboundHandler(new Handshake(exchange));
            }
        });
    }

    /** Whether the ingress rules allow a destination: first matching rule decides, none denies. */
    boolean allowed(InetAddress address, int port) {
        for (IpRule rule : this.rules) {
            if (rule.matches(address, port)) {
                return rule.allow();
            }
        }
        return false;
    }

    /** The SOCKS5 server side, fed with WebSocket payload bytes until the pipe takes over. */
    private final class Handshake implements StreamInboundHandler, PipeCodec.Sink {

        private static final int MAX_HANDSHAKE = 1024;

        private final StreamExchange exchange;
        private final WebSocketCodec codec;
        private final ByteBuf buffer = Unpooled.buffer(64, MAX_HANDSHAKE);
        private boolean greeted;
        private boolean requested;
        private volatile @Nullable StreamPipe pipe;

        Handshake(StreamExchange exchange) {
            this.exchange = exchange;
            TunnelStream stream = exchange.stream();
            this.codec = new WebSocketCodec(group.next(), stream.alloc());
            exchange.done().whenComplete((outcome, error) -> release());
        }

        @Override
        public void onData(TunnelStream stream, ByteBuf data) {
            StreamPipe current = this.pipe;
            if (current != null) {
                current.onData(stream, data);
            } else {
                this.codec.fromTunnel(data, this);
            }
        }

        @Override
        public void onInputShutdown(TunnelStream stream) {
            StreamPipe current = this.pipe;
            if (current != null) {
                current.onInputShutdown(stream);
            } else {
                this.exchange.finish();
            }
        }

        @Override
        public void onWritabilityChanged(TunnelStream stream) {
            StreamPipe current = this.pipe;
            if (current != null) {
                current.onWritabilityChanged(stream);
            }
        }

        @Override
        public void onReset(TunnelStream stream, long errorCode) {
            this.exchange.fail(new OriginException(OriginErrors.ABRUPT));
        }

        @Override
        public void onClosed(TunnelStream stream) {
            if (!this.exchange.isEnded()) {
                this.exchange.fail(new OriginException(OriginErrors.ABRUPT));
            }
        }

        // ---- Sink for the WebSocket codec during the handshake

        @Override
        public synchronized void toOrigin(ByteBuf data) {
            try {
                if (data.readableBytes() > this.buffer.maxWritableBytes()) {
                    end();
                    return;
                }
                this.buffer.writeBytes(data);
                if (!this.requested) {
                    step();
                }
            } finally {
                data.release();
            }
        }

        @Override
        public void toTunnel(ByteBuf data) {
            this.exchange.stream().write(data);
        }

        @Override
        public void end() {
            this.exchange.finish();
        }

        private void step() {
            if (!this.greeted) {
                if (this.buffer.readableBytes() < 2
                        || this.buffer.readableBytes() < 2 + this.buffer.getUnsignedByte(1)) {
                    return;
                }
                int version = this.buffer.readUnsignedByte();
                int methods = this.buffer.readUnsignedByte();
                boolean noAuth = false;
                for (int i = 0; i < methods; i++) {
                    noAuth |= this.buffer.readUnsignedByte() == 0;
                }
                if (version != 5 || !noAuth) {
                    reply(new byte[] {5, (byte) 0xFF});
                    end();
                    return;
                }
                this.greeted = true;
                reply(new byte[] {5, 0});
            }
            int length = requestLength();
            if (length < 0 || this.buffer.readableBytes() < length) {
                return;
            }
            this.requested = true;
            this.buffer.readByte();
            int command = this.buffer.readUnsignedByte();
            this.buffer.readByte();
            int type = this.buffer.readUnsignedByte();
            String host;
            if (type == 1 || type == 4) {
                byte[] address = new byte[type == 1 ? 4 : 16];
                this.buffer.readBytes(address);
                host = addressText(address);
            } else {
                byte[] name = new byte[this.buffer.readUnsignedByte()];
                this.buffer.readBytes(name);
                host = new String(name, java.nio.charset.StandardCharsets.US_ASCII);
            }
            int port = this.buffer.readUnsignedShort();
            if (command != 1) {
                fail(7);
                return;
            }
            this.exchange.stream().setAutoRead(false);
            group.next().execute(() -> connect(host, port));
        }

        private int requestLength() {
            if (this.buffer.readableBytes() < 5) {
                return -1;
            }
            int type = this.buffer.getUnsignedByte(this.buffer.readerIndex() + 3);
            return switch (type) {
                case 1 -> 4 + 4 + 2;
                case 4 -> 4 + 16 + 2;
                case 3 -> 4 + 1 + this.buffer.getUnsignedByte(this.buffer.readerIndex() + 4) + 2;
                default -> 4;
            };
        }

        private void connect(String host, int port) {
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (Exception ex) {
                fail(4);
                return;
            }
            if (!allowed(address, port)) {
                fail(2);
                return;
            }
            dialer.dialTcp(
                            address.getHostAddress(),
                            port,
                            config.connectTimeout(),
                            config.tcpKeepAlive(),
                            new ChannelInboundHandlerAdapter())
                    .whenComplete((channel, error) -> {
                        if (error != null) {
                            fail(String.valueOf(error.getMessage()).contains("refused") ? 5 : 4);
                        } else {
                            connected(channel);
                        }
                    });
        }

        private void connected(Channel channel) {
            if (this.exchange.isEnded()) {
                channel.close();
                return;
            }
            reply(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            StreamPipe installed = StreamPipe.install(this.exchange, channel, this.codec);
            synchronized (this) {
                if (this.buffer.isReadable()) {
                    channel.writeAndFlush(this.buffer.readRetainedSlice(this.buffer.readableBytes()));
                }
                this.pipe = installed;
            }
            this.exchange.stream().setAutoRead(true);
        }

        private void fail(int code) {
            reply(new byte[] {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0});
            end();
        }

        private void reply(byte[] bytes) {
            this.codec.fromOrigin(Unpooled.wrappedBuffer(bytes), this);
        }

        private synchronized void release() {
            if (this.buffer.refCnt() > 0) {
                this.buffer.release();
            }
            this.codec.stopped();
        }

        private static String addressText(byte[] address) {
            try {
                return InetAddress.getByAddress(address).getHostAddress();
            } catch (java.net.UnknownHostException ex) {
                throw new IllegalStateException("An address of 4 or 16 bytes is always valid", ex);
            }
        }
    }
}
