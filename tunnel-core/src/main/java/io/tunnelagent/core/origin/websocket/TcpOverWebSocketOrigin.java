package io.tunnelagent.core.origin.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.origin.OriginErrors;
import io.tunnelagent.core.origin.OriginException;
import io.tunnelagent.core.origin.OriginRequest;
import io.tunnelagent.core.origin.OriginService;
import io.tunnelagent.core.origin.StreamExchange;
import io.tunnelagent.core.origin.tcp.StreamPipe;
import io.tunnelagent.core.origin.tcp.TcpDialer;
import io.tunnelagent.protocol.stream.Metadata;
import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A TCP origin behind a WebSocket the connector terminates (protocol doc 3.5, 7.4): {@code tcp://}, {@code ssh://},
 * {@code rdp://}, {@code smb://} and other schemes with a fixed destination, or {@code bastion} with the destination
 * from the visitor's {@code Cf-Access-Jump-Destination} header. The connector dials TCP (with the rule's
 * {@code connectTimeout} and {@code tcpKeepAlive}), answers 101 with {@code Connection: Upgrade},
 * {@code Sec-Websocket-Accept} and {@code Upgrade: websocket}, then pipes WebSocket payloads to the socket.
 */
public final class TcpOverWebSocketOrigin implements OriginService {

    /** cloudflared's text when a bastion request names no destination. */
    public static final String NO_DESTINATION = "Did not receive final destination from client. The --destination"
            + " flag is likely not set on the client side";

    private static final String JUMP_DESTINATION = "Cf-Access-Jump-Destination";

    private final TcpDialer dialer;
    private final OriginRequestConfig config;
    private final @Nullable String destination;

    private TcpOverWebSocketOrigin(TcpDialer dialer, OriginRequestConfig config, @Nullable String destination) {
        this.dialer = dialer;
        this.config = config;
        this.destination = destination;
    }

    /**
     * An origin with a fixed destination.
     *
     * @param dialer the dialer
     * @param config the rule's settings
     * @param destination {@code host:port}
     * @return the origin
     */
    public static TcpOverWebSocketOrigin fixed(TcpDialer dialer, OriginRequestConfig config, String destination) {
        return new TcpOverWebSocketOrigin(dialer, config, destination);
    }

    /**
     * A bastion: each request names its destination.
     *
     * @param dialer the dialer
     * @param config the rule's settings
     * @return the origin
     */
    public static TcpOverWebSocketOrigin bastion(TcpDialer dialer, OriginRequestConfig config) {
        return new TcpOverWebSocketOrigin(dialer, config, null);
    }

    @Override
    public void serve(StreamExchange exchange) {
        OriginRequest request = exchange.http();
        String target = this.destination != null ? this.destination : bastionDestination(request);
        InetSocketAddress address = hostPort(target);
        this.dialer
                .dialTcp(
                        address.getHostString(),
                        address.getPort(),
                        this.config.connectTimeout(),
                        this.config.tcpKeepAlive(),
                        new ChannelInboundHandlerAdapter())
                .whenComplete((channel, error) -> {
                    if (error != null) {
                        exchange.fail(error);
                    } else {
                        connected(exchange, request, channel);
                    }
                });
    }

    private static void connected(StreamExchange exchange, OriginRequest request, Channel channel) {
        if (exchange.isEnded()) {
            channel.close();
            return;
        }
        String key = request.header("Sec-WebSocket-Key");
        List<Metadata> headers = List.of(
                Metadata.header("Connection", "Upgrade"),
                Metadata.header("Sec-Websocket-Accept", WebSocketAccept.of(key == null ? "" : key)),
                Metadata.header("Upgrade", "websocket"));
        exchange.respond(101, headers).whenComplete((ignored, error) -> {
            if (error != null) {
                channel.close();
                exchange.fail(error);
                return;
            }
            WebSocketCodec codec = new WebSocketCodec(channel.eventLoop(), channel.alloc());
            StreamPipe pipe = StreamPipe.install(exchange, channel, codec);
            exchange.stream().setInboundHandler(pipe);
        });
    }

    /**
     * cloudflared's {@code ResolveBastionDest}: the header value with any scheme and path removed.
     *
     * @param request the request
     * @return {@code host:port}
     */
    static String bastionDestination(OriginRequest request) {
        String header = request.header(JUMP_DESTINATION);
        if (header == null || header.isEmpty()) {
            throw new OriginException(NO_DESTINATION);
        }
        String value = header;
        int scheme = value.indexOf("://");
        if (scheme >= 0) {
            value = value.substring(scheme + 3);
        }
        int slash = value.indexOf('/');
        return slash >= 0 ? value.substring(0, slash) : value;
    }

    private static InetSocketAddress hostPort(String target) {
        int colon = target.lastIndexOf(':');
        int bracket = target.lastIndexOf(']');
        if (colon < 0 || colon < bracket) {
            throw new OriginException(
                    OriginErrors.UNREACHABLE + ": dial tcp: address " + target + ": missing port in" + " address");
        }
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return InetSocketAddress.createUnresolved(host, Integer.parseInt(target.substring(colon + 1)));
        } catch (IllegalArgumentException ex) {
            throw new OriginException(
                    OriginErrors.UNREACHABLE + ": dial tcp: address " + target + ": invalid port", ex);
        }
    }
}
