package io.tunnelagent.core.proxy;

import io.netty.channel.EventLoopGroup;
import io.tunnelagent.core.ingress.IngressRule;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import io.tunnelagent.core.ingress.service.IngressService;
import io.tunnelagent.core.origin.OriginException;
import io.tunnelagent.core.origin.OriginService;
import io.tunnelagent.core.origin.StreamExchange;
import io.tunnelagent.core.origin.hello.HelloWorldServer;
import io.tunnelagent.core.origin.http.HttpOrigin;
import io.tunnelagent.core.origin.http.ProxyEnvironment;
import io.tunnelagent.core.origin.tcp.TcpDialer;
import io.tunnelagent.core.origin.tcp.WarpTcpOrigin;
import io.tunnelagent.core.origin.websocket.SocksProxyOrigin;
import io.tunnelagent.core.origin.websocket.TcpOverWebSocketOrigin;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One {@link OriginService} per distinct (service, settings) pair, created on first use and kept until the proxy
 * closes, so that a reloaded ingress table with the same rules keeps its pooled connections. The hello-world server
 * starts with the first request routed to it.
 */
final class OriginRegistry implements AutoCloseable {

    private final EventLoopGroup group;
    private final TcpDialer dialer;
    private final Map<String, String> tags;
    private final Clock clock;
    private final ProxyEnvironment proxies;
    private final Map<Key, OriginService> origins = new ConcurrentHashMap<>();
    private @Nullable CompletableFuture<HelloWorldServer> helloWorld;
    private boolean closed;

    OriginRegistry(EventLoopGroup group, Map<String, String> tags, Clock clock, ProxyEnvironment proxies) {
        this.group = group;
        this.proxies = proxies;
        this.dialer = new TcpDialer(group);
        this.tags = Map.copyOf(tags);
        this.clock = clock;
    }

    OriginService forRule(IngressRule rule) {
        return this.origins.computeIfAbsent(new Key(rule.service(), rule.config()), this::create);
    }

    OriginService warp(WarpRoutingConfig config) {
        return new WarpTcpOrigin(this.dialer, config);
    }

    private OriginService create(Key key) {
        IngressService service = key.service();
        OriginRequestConfig config = key.config();
        if (service instanceof IngressService.Http http) {
            return HttpOrigin.create(
                    this.dialer,
                    HttpOrigin.Target.tcp(http.host(), http.port(), http.tls()),
                    config,
                    this.tags,
                    List.of(),
                    this.proxies);
        }
        if (service instanceof IngressService.UnixSocket unix) {
            return HttpOrigin.create(
                    this.dialer,
                    HttpOrigin.Target.unix(unix.path(), unix.tls()),
                    config,
                    this.tags,
                    List.of(),
                    this.proxies);
        }
        if (service instanceof IngressService.HttpStatus status) {
            return exchange -> fixedStatus(exchange, status.code());
        }
        if (service instanceof IngressService.HelloWorld) {
            return new HelloWorldOrigin(config);
        }
        if (service instanceof IngressService.TcpOverWebSocket tcp) {
            if (config.proxyType().equals("socks")) {
                return new SocksProxyOrigin(this.group, this.dialer, config, config.ipRules());
            }
            return TcpOverWebSocketOrigin.fixed(this.dialer, config, tcp.destination());
        }
        if (service instanceof IngressService.SocksProxy socks) {
            return new SocksProxyOrigin(this.group, this.dialer, config, socks.ipRules());
        }
        if (service instanceof IngressService.Bastion) {
            return TcpOverWebSocketOrigin.bastion(this.dialer, config);
        }
        throw new IllegalStateException("Unknown service kind " + service.serviceString());
    }

    private static void fixedStatus(StreamExchange exchange, int code) {
        exchange.respond(code, List.of()).whenComplete((ignored, error) -> {
            if (error != null) {
                exchange.fail(error);
            } else {
                exchange.finish();
            }
        });
    }

    private synchronized CompletableFuture<HelloWorldServer> helloWorld() {
        if (this.closed) {
            return CompletableFuture.failedFuture(new OriginException("The connector is shutting down"));
        }
        CompletableFuture<HelloWorldServer> server = this.helloWorld;
        if (server == null) {
            server = HelloWorldServer.start(this.group, this.clock);
            this.helloWorld = server;
        }
        return server;
    }

    @Override
    public void close() {
        CompletableFuture<HelloWorldServer> server;
        synchronized (this) {
            this.closed = true;
            server = this.helloWorld;
            this.helloWorld = null;
        }
        for (OriginService origin : this.origins.values()) {
            if (origin instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ex) {
                    // Closing idle connections does not fail; nothing to report.
                }
            }
        }
        this.origins.clear();
        if (server != null) {
            server.thenAccept(HelloWorldServer::close);
        }
    }

    /** Routes to the hello-world server, trusting its certificate; the server starts with the first request. */
    private final class HelloWorldOrigin implements OriginService, AutoCloseable {

        private final OriginRequestConfig config;
        private volatile @Nullable HttpOrigin origin;

        HelloWorldOrigin(OriginRequestConfig config) {
            this.config = config;
        }

        @Override
        public void serve(StreamExchange exchange) {
            helloWorld().whenComplete((server, error) -> {
                if (error != null) {
                    exchange.fail(error);
                    return;
                }
                try {
                    origin(server).serve(exchange);
                } catch (RuntimeException ex) {
                    exchange.fail(ex);
                }
            });
        }

        private synchronized HttpOrigin origin(HelloWorldServer server) {
            HttpOrigin current = this.origin;
            if (current == null) {
                HttpOrigin.Target target = new HttpOrigin.Target("127.0.0.1", server.port(), null, true, "127.0.0.1");
                current = HttpOrigin.create(
                        dialer, target, this.config, tags, List.of(server.certificate()), ProxyEnvironment.NONE);
                this.origin = current;
            }
            return current;
        }

        @Override
        public void close() {
            HttpOrigin current = this.origin;
            if (current != null) {
                current.close();
            }
        }
    }

    private record Key(IngressService service, OriginRequestConfig config) {}
}
