package io.tunnelagent.core.ingress.service;

import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import io.tunnelagent.core.ingress.request.IpRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an ingress rule sends requests, parsed from its {@code service} string. Each kind is a record;
 * {@link #serviceString()} gives the text cloudflared prints for it (in {@code ingress rule} output and in the local
 * configuration pushed to the edge).
 */
public sealed interface IngressService
        permits IngressService.Http,
                IngressService.UnixSocket,
                IngressService.HttpStatus,
                IngressService.HelloWorld,
                IngressService.TcpOverWebSocket,
                IngressService.Bastion,
                IngressService.SocksProxy {

    /** The service as cloudflared prints it. */
    String serviceString();

    /**
     * Parses a service string the way cloudflared does, in its order: {@code unix:}, {@code unix+tls:},
     * {@code http_status:}, {@code hello_world}/{@code hello-world}, {@code socks-proxy}, {@code bastion} (or bastion
     * mode), then a URL.
     *
     * @param service the service string
     * @param bastionMode whether the rule's resolved {@code originRequest.bastionMode} is set
     * @param ipRules the rule's own {@code originRequest.ipRules}, validated strictly for {@code socks-proxy}
     * @throws IllegalArgumentException with cloudflared's error text
     */
    static IngressService parse(String service, boolean bastionMode, List<IpRuleDefinition> ipRules) {
        if (service.startsWith("unix:")) {
            return new UnixSocket(service.substring("unix:".length()), false);
        }
        if (service.startsWith("unix+tls:")) {
            return new UnixSocket(service.substring("unix+tls:".length()), true);
        }
        if (service.startsWith("http_status:")) {
            return HttpStatus.parse(service.substring("http_status:".length()));
        }
        if (service.equals("hello_world") || service.equals("hello-world")) {
            return new HelloWorld();
        }
        if (service.equals("socks-proxy")) {
            List<IpRule> rules = new ArrayList<>();
            for (IpRuleDefinition rule : ipRules) {
                try {
                    rules.add(IpRule.parse(rule.getPrefix(), rule.getPorts(), rule.isAllow()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(
                            "unable to create ip rule for socks-proxy: " + ex.getMessage(), ex);
                }
            }
            return new SocksProxy(rules);
        }
        if (service.equals("bastion") || bastionMode) {
            return new Bastion();
        }
        return parseUrl(service);
    }

    private static IngressService parseUrl(String service) {
        GoUrl url = GoUrl.parse(service);
        if (url.scheme().isEmpty() || url.hostname().isEmpty()) {
            throw new IllegalArgumentException(
                    service + " is an invalid address, please make sure it has a scheme and a hostname");
        }
        if (!url.path().isEmpty()) {
            throw new IllegalArgumentException(service
                    + " is an invalid address, ingress rules don't support proxying to a different path on the origin"
                    + " service. The path will be the same as the eyeball request's path");
        }
        return switch (url.scheme()) {
            case "http", "https", "ws", "wss" -> Http.of(url);
            default -> TcpOverWebSocket.of(url);
        };
    }

    /**
     * An HTTP(S) origin; {@code ws} is treated as {@code http} and {@code wss} as {@code https}.
     *
     * @param url the URL as cloudflared prints it
     * @param tls whether the origin speaks TLS ({@code https}/{@code wss})
     * @param host the host name or IP literal (no brackets)
     * @param port the explicit port, or 80/443
     */
    record Http(String url, boolean tls, String host, int port) implements IngressService {

        static Http of(GoUrl url) {
            boolean tls = url.scheme().equals("https") || url.scheme().equals("wss");
            String text = url.scheme() + "://" + url.authority()
                    + (url.rawQuery().isEmpty() ? "" : "?" + url.rawQuery())
                    + (url.fragment().isEmpty() ? "" : "#" + url.fragment());
            int port = url.port().isEmpty() ? (tls ? 443 : 80) : Integer.parseInt(url.port());
            return new Http(text, tls, url.hostname(), port);
        }

        /** {@code http} or {@code https}: the scheme used towards the origin. */
        public String scheme() {
            return this.tls ? "https" : "http";
        }

        @Override
        public String serviceString() {
            return this.url;
        }
    }

    /**
     * HTTP ({@code unix:}) or HTTPS ({@code unix+tls:}) over a Unix domain socket.
     *
     * @param path the socket path
     * @param tls whether TLS is used on the socket
     */
    record UnixSocket(String path, boolean tls) implements IngressService {

        @Override
        public String serviceString() {
            return (this.tls ? "unix+tls:" : "unix:") + this.path;
        }
    }

    /**
     * A fixed response status with an empty body.
     *
     * @param code the status code (100..999)
     */
    record HttpStatus(int code) implements IngressService {

        static HttpStatus parse(String text) {
            if (!text.matches("[+-]?[0-9]+")) {
                throw new IllegalArgumentException(
                        "invalid HTTP status code: strconv.Atoi: parsing " + GoUrl.quote(text) + ": invalid syntax");
            }
            long code;
            try {
                code = Long.parseLong(text);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "invalid HTTP status code: strconv.Atoi: parsing " + GoUrl.quote(text) + ": value out of range",
                        ex);
            }
            if (code < 100 || code > 999) {
                throw new IllegalArgumentException("invalid HTTP status code: " + code);
            }
            return new HttpStatus((int) code);
        }

        @Override
        public String serviceString() {
            return "http_status:" + this.code;
        }
    }

    /** cloudflared's built-in hello-world test server. */
    record HelloWorld() implements IngressService {

        @Override
        public String serviceString() {
            return "hello_world";
        }
    }

    /**
     * A TCP origin reached through a WebSocket carried over the tunnel ({@code ssh}, {@code rdp}, {@code smb},
     * {@code tcp} and any other scheme).
     *
     * @param scheme the URL scheme
     * @param destination {@code host:port}; {@code ssh}/{@code rdp}/{@code smb}/{@code tcp} get the default ports 22,
     *     3389, 445 and 7864 when none is given, other schemes keep the host as written
     */
    record TcpOverWebSocket(String scheme, String destination) implements IngressService {

        static TcpOverWebSocket of(GoUrl url) {
            int defaultPort = switch (url.scheme()) {
                case "ssh" -> 22;
                case "rdp" -> 3389;
                case "smb" -> 445;
                case "tcp" -> 7864;
                default -> 0;
            };
            String destination = url.host();
            if (defaultPort != 0 && url.port().isEmpty()) {
                String hostname = url.hostname();
                destination = (hostname.contains(":") ? "[" + hostname + "]" : hostname) + ":" + defaultPort;
            }
            return new TcpOverWebSocket(url.scheme(), destination);
        }

        @Override
        public String serviceString() {
            return this.scheme + "://" + this.destination;
        }
    }

    /** A jump host: the destination comes from the client's {@code Cf-Access-Jump-Destination} header. */
    record Bastion() implements IngressService {

        @Override
        public String serviceString() {
            return "bastion";
        }
    }

    /**
     * A SOCKS5 proxy over WebSocket; destinations are checked against the IP rules in order (default deny).
     *
     * @param ipRules the access rules
     */
    record SocksProxy(List<IpRule> ipRules) implements IngressService {

        public SocksProxy {
            ipRules = List.copyOf(ipRules);
        }

        @Override
        public String serviceString() {
            return "socks-proxy";
        }
    }
}
