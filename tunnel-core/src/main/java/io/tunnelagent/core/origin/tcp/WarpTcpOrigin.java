package io.tunnelagent.core.origin.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import io.tunnelagent.core.origin.OriginException;
import io.tunnelagent.core.origin.OriginService;
import io.tunnelagent.core.origin.StreamExchange;
import java.net.InetAddress;

/**
 * WARP routing TCP streams ({@code ConnectionType.TCP}, protocol doc 3.5): the destination must be a literal
 * {@code IP:port} ({@code [v6]:port} for IPv6); the connector dials it with the warp-routing {@code connectTimeout}
 * and {@code tcpKeepAlive}, acknowledges with an empty {@code ConnectResponse}, then pipes raw bytes both ways.
 */
public final class WarpTcpOrigin implements OriginService {

    private final TcpDialer dialer;
    private final WarpRoutingConfig config;

    /**
     * Creates the origin.
     *
     * @param dialer the dialer
     * @param config the warp-routing settings
     */
    public WarpTcpOrigin(TcpDialer dialer, WarpRoutingConfig config) {
        this.dialer = dialer;
        this.config = config;
    }

    @Override
    public void serve(StreamExchange exchange) {
        Destination destination = Destination.parse(exchange.request().dest());
        this.dialer
                .dialTcp(
                        destination.host(),
                        destination.port(),
                        this.config.connectTimeout(),
                        this.config.tcpKeepAlive(),
                        new ChannelInboundHandlerAdapter())
                .whenComplete((channel, error) -> {
                    if (error != null) {
                        exchange.fail(error);
                    } else {
                        connected(exchange, channel);
                    }
                });
    }

    private static void connected(StreamExchange exchange, Channel channel) {
        if (exchange.isEnded()) {
            channel.close();
            return;
        }
        exchange.acknowledge().whenComplete((ignored, error) -> {
            if (error != null) {
                channel.close();
                exchange.fail(error);
                return;
            }
            StreamPipe pipe = StreamPipe.install(exchange, channel, PipeCodec.IDENTITY);
            exchange.stream().setInboundHandler(pipe);
        });
    }

    /**
     * A literal IP destination, like Go's {@code netip.ParseAddrPort}.
     *
     * @param host the IP literal without brackets
     * @param port the port
     */
    record Destination(String host, int port) {

        static Destination parse(String dest) {
            int colon = dest.lastIndexOf(':');
            if (colon <= 0) {
                throw invalid(dest, "missing port");
            }
            String host = dest.substring(0, colon);
            String portText = dest.substring(colon + 1);
            boolean bracketed = host.startsWith("[") && host.endsWith("]");
            if (bracketed) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw invalid(dest, "IPv6 addresses must be in brackets");
            }
            if (!isIpLiteral(host) || bracketed != host.contains(":")) {
                throw invalid(dest, "not an IP address");
            }
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException ex) {
                throw invalid(dest, "invalid port " + portText);
            }
            if (port < 0 || port > 65535) {
                throw invalid(dest, "invalid port " + portText);
            }
            return new Destination(host, port);
        }

        private static boolean isIpLiteral(String host) {
            if (host.isEmpty()
                    || !host.matches("[0-9a-fA-F:.%]+")
                    || (!host.contains(":") && !host.matches("[0-9.]+"))) {
                return false;
            }
            try {
                InetAddress.getByName(host);
                return true;
            } catch (Exception ex) {
                return false;
            }
        }

        private static OriginException invalid(String dest, String reason) {
            return new OriginException("cloudflared received a warp-routing request with an invalid destination " + dest
                    + " (" + reason + "); it must be a literal IP:port");
        }
    }
}
