package io.tunnelagent.edge.admin;

import io.tunnelagent.edge.registration.ConnectionRegistry;
import io.tunnelagent.edge.registration.LiveConnection;
import io.tunnelagent.edge.tunnel.Route;
import io.tunnelagent.edge.tunnel.Tunnel;
import io.tunnelagent.edge.tunnel.TunnelStore;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API's operations on JSON: tunnels (create, list, delete, rotate the secret), hostname routes,
 * connections and quick tunnels. Secrets appear only in the answers that hand out credentials.
 */
final class AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TunnelStore store;
    private final ConnectionRegistry registry;

    AdminApi(TunnelStore store, ConnectionRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    Reply handle(String method, String path, byte[] body) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        String resource = parts[0];
        switch (method + " " + resource + "/" + parts.length) {
            case "GET tunnels/1":
                return ok(listTunnels());
            case "POST tunnels/1":
                return createTunnel(read(body));
            case "DELETE tunnels/2":
                return deleteTunnel(parts[1]);
            case "GET tunnels/2":
                return tunnel(parts[1]).map(tunnel -> ok(describe(tunnel))).orElseGet(() -> noTunnel(parts[1]));
            case "POST tunnels/3":
                return parts[2].equals("rotate-secret") ? rotate(parts[1]) : notFound(path);
            case "GET routes/1":
                return ok(listRoutes());
            case "POST routes/1":
                return addRoute(read(body));
            case "DELETE routes/2":
                return store.removeRoute(parts[1]) ? new Reply(204, "") : notFound("route " + parts[1]);
            case "GET connections/1":
                return ok(listConnections());
            case "POST quick-tunnel/1":
                return quickTunnel();
            default:
                return notFound(path);
        }
    }

    Reply trycloudflare() {
        TunnelStore.QuickTunnel quick = store.createQuick();
        ObjectNode root = JSON.createObjectNode().put("success", true);
        root.putObject("result")
                .put("id", quick.tunnel().id().toString())
                .put("name", quick.tunnel().name())
                .put("hostname", quick.hostname())
                .put("account_tag", quick.tunnel().accountTag())
                .put("secret", quick.tunnel().secret().toBase64());
        root.putArray("errors");
        return new Reply(200, JSON.writeValueAsString(root));
    }

    private Reply createTunnel(JsonNode request) {
        String name = request.path("name").asString("");
        Tunnel tunnel = store.create(name);
        String hostname = request.path("hostname").asString("");
        ObjectNode answer = withCredentials(tunnel);
        if (!hostname.isEmpty()) {
            answer.put("hostname", store.addRoute(hostname, tunnel.id()).hostname());
        }
        return new Reply(201, JSON.writeValueAsString(answer));
    }

    private Reply quickTunnel() {
        TunnelStore.QuickTunnel quick = store.createQuick();
        ObjectNode answer = withCredentials(quick.tunnel()).put("hostname", quick.hostname());
        return new Reply(201, JSON.writeValueAsString(answer));
    }

    private Reply deleteTunnel(String idOrName) {
        return tunnel(idOrName)
                .map(tunnel -> {
                    store.delete(tunnel.id());
                    registry.connections(tunnel.id())
                            .forEach(live -> live.transport().close(0, "tunnel deleted"));
                    return new Reply(204, "");
                })
                .orElseGet(() -> noTunnel(idOrName));
    }

    private Reply rotate(String idOrName) {
        return tunnel(idOrName)
                .map(tunnel -> ok(withCredentials(store.rotateSecret(tunnel.id()))))
                .orElseGet(() -> noTunnel(idOrName));
    }

    private Reply addRoute(JsonNode request) {
        String hostname = request.path("hostname").asString("");
        String tunnelRef = request.path("tunnel").asString("");
        Optional<Tunnel> tunnel = tunnel(tunnelRef);
        if (tunnel.isEmpty()) {
            return noTunnel(tunnelRef);
        }
        Route route = store.addRoute(hostname, tunnel.get().id());
        return new Reply(201, JSON.writeValueAsString(route(route)));
    }

    private ArrayNode listTunnels() {
        ArrayNode list = JSON.createArrayNode();
        store.tunnels().forEach(tunnel -> list.add(describe(tunnel)));
        return list;
    }

    private ObjectNode describe(Tunnel tunnel) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", tunnel.id().toString())
                .put("name", tunnel.name())
                .put("accountTag", tunnel.accountTag())
                .put("createdAt", tunnel.createdAt().toString())
                .put("connections", registry.connections(tunnel.id()).size());
        ArrayNode hostnames = node.putArray("hostnames");
        store.routes().stream()
                .filter(route -> route.tunnelId().equals(tunnel.id()))
                .forEach(route -> hostnames.add(route.hostname()));
        return node;
    }

    private ArrayNode listRoutes() {
        ArrayNode list = JSON.createArrayNode();
        store.routes().forEach(route -> list.add(route(route)));
        return list;
    }

    private static ObjectNode route(Route route) {
        return JSON.createObjectNode()
                .put("hostname", route.hostname())
                .put("tunnelId", route.tunnelId().toString());
    }

    private ArrayNode listConnections() {
        ArrayNode list = JSON.createArrayNode();
        for (LiveConnection live : registry.connections()) {
            list.addObject()
                    .put("id", live.id().toString())
                    .put("tunnelId", live.tunnelId().toString())
                    .put("connIndex", live.connIndex())
                    .put("connectorId", live.connectorId().toString())
                    .put("protocol", live.protocol())
                    .put("clientVersion", live.clientVersion())
                    .put("remoteAddress", live.remoteAddress().toString())
                    .put("registeredAt", live.registeredAt().toString())
                    .put("draining", live.isDraining())
                    .put("inFlight", live.inFlight());
        }
        return list;
    }

    private static ObjectNode withCredentials(Tunnel tunnel) {
        ObjectNode answer =
                JSON.createObjectNode().put("id", tunnel.id().toString()).put("name", tunnel.name());
        answer.set("credentials", JSON.readTree(tunnel.credentials().toJson()));
        answer.put("token", tunnel.token().encode());
        return answer;
    }

    private Optional<Tunnel> tunnel(String idOrName) {
        return store.findByIdOrName(idOrName);
    }

    private static JsonNode read(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException ex) {
            throw new IllegalArgumentException(
                    "The request body is not valid JSON: send an object such as" + " {\"name\":\"app\"}");
        }
    }

    private static Reply ok(JsonNode node) {
        return new Reply(200, JSON.writeValueAsString(node));
    }

    private static Reply noTunnel(String idOrName) {
        return new Reply(
                404, error("No tunnel with id or name '" + idOrName + "': list the tunnels with GET /api/tunnels"));
    }

    private static Reply notFound(String what) {
        return new Reply(404, error("Not found: " + what));
    }

    static String error(String message) {
        return JSON.writeValueAsString(JSON.createObjectNode().put("error", message));
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param body the JSON body
     */
    record Reply(int status, String body) {}
}
