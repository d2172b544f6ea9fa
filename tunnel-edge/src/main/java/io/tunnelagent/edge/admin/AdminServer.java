package io.tunnelagent.edge.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tunnelagent.edge.registration.ConnectionRegistry;
import io.tunnelagent.edge.state.AdminToken;
import io.tunnelagent.edge.tunnel.TunnelStore;
import io.tunnelagent.edge.tunnel.TunnelStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API on its own port. Every {@code /api/} request needs {@code Authorization: Bearer <token>};
 * {@code /metrics} (Prometheus text) is open. {@code POST /tunnel} (trycloudflare-compatible quick tunnels, for
 * {@code cloudflared --quick-service}, which cannot send a token) is open only when the API listens on a loopback
 * address, so that only local processes can create tunnels without the token; on any other address (including the
 * wildcard) it needs the token like {@code /api/}. Endpoints are listed in the module README.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private AdminServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the admin API.
     *
     * @param address the address, port 0 for an ephemeral port
     * @param token the bearer token
     * @param store the tunnels and routes
     * @param registry the live connections
     * @param prometheus the registry rendered at {@code /metrics}
     * @return the running server
     */
    public static AdminServer start(
            InetSocketAddress address,
            AdminToken token,
            TunnelStore store,
            ConnectionRegistry registry,
            PrometheusMeterRegistry prometheus) {
        return start(address, token, store, registry, prometheus, quickTunnelsOpenOn(address.getAddress()));
    }

    /**
     * Whether {@code POST /tunnel} works without the token on an API bound to this address: only on loopback.
     *
     * @param bindAddress the address the admin API listens on
     * @return true for a loopback address
     */
    static boolean quickTunnelsOpenOn(java.net.InetAddress bindAddress) {
        return bindAddress.isLoopbackAddress();
    }

    static AdminServer start(
            InetSocketAddress address,
            AdminToken token,
            TunnelStore store,
            ConnectionRegistry registry,
            PrometheusMeterRegistry prometheus,
            boolean openQuickTunnels) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    "Could not bind the admin API to " + address
                            + ": choose another admin port or stop the process using it",
                    ex);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "tunnel-edge-admin");
            thread.setDaemon(true);
            return thread;
        });
        AdminApi api = new AdminApi(store, registry);
        server.createContext("/", exchange -> handle(exchange, token, api, prometheus, openQuickTunnels));
        server.setExecutor(executor);
        server.start();
        return new AdminServer(server, executor);
    }

    private static void handle(
            HttpExchange exchange,
            AdminToken token,
            AdminApi api,
            PrometheusMeterRegistry prometheus,
            boolean openQuickTunnels)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/metrics") && method.equals("GET")) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape());
                return;
            }
            boolean quickTunnel = path.equals("/tunnel") && method.equals("POST");
            if (!quickTunnel && !path.startsWith("/api/")) {
                send(exchange, 404, "application/json", AdminApi.error("No such endpoint: " + path));
                return;
            }
            boolean open = quickTunnel && openQuickTunnels;
            if (!open && !token.matches(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                send(
                        exchange,
                        401,
                        "application/json",
                        AdminApi.error(
                                "Missing or wrong bearer token: send 'Authorization: Bearer <token>' with the token from the"
                                        + " edge's admin-token file"));
                return;
            }
            if (quickTunnel) {
                AdminApi.Reply reply = api.trycloudflare();
                send(exchange, reply.status(), "application/json", reply.body());
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            AdminApi.Reply reply;
            try {
                reply = api.handle(method, path.substring("/api".length()), body);
            } catch (TunnelStoreException | IllegalArgumentException ex) {
                reply = new AdminApi.Reply(400, AdminApi.error(ex.getMessage()));
            }
            send(exchange, reply.status(), "application/json", reply.body());
        } catch (RuntimeException ex) {
            log.warn(
                    "Admin request {} {} failed",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    ex);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * The bound address.
     *
     * @return the address
     */
    public InetSocketAddress localAddress() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
