package io.tunnelagent.edge.tunnel;

import io.tunnelagent.edge.state.StateDirectory;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores a {@link TunnelStore}'s state as {@code tunnels.json} in the state directory, owner-only because it holds
 * the tunnel secrets, replaced atomically on every change.
 */
public final class TunnelFile implements TunnelStore.Persistence {

    /** The file name. */
    public static final String FILE = "tunnels.json";

    private final StateDirectory state;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Creates the persistence.
     *
     * @param state the state directory
     */
    public TunnelFile(StateDirectory state) {
        this.state = state;
    }

    /**
     * Loads the saved state, or a new state with a random account tag on first start.
     *
     * @param random the source of the account tag
     * @return the state
     * @throws TunnelStoreException if the file is not valid
     */
    public TunnelStore.State load(SecureRandom random) {
        return state.read(FILE).map(this::parse).orElseGet(() -> {
            byte[] tag = new byte[16];
            random.nextBytes(tag);
            TunnelStore.State fresh = TunnelStore.State.empty(HexFormat.of().formatHex(tag));
            save(fresh);
            return fresh;
        });
    }

    private TunnelStore.State parse(byte[] content) {
        try {
            JsonNode root = json.readTree(content);
            List<Tunnel> tunnels = new ArrayList<>();
            for (JsonNode node : root.path("tunnels")) {
                tunnels.add(new Tunnel(
                        UUID.fromString(node.path("id").asString()),
                        node.path("name").asString(),
                        node.path("accountTag").asString(),
                        TunnelSecret.fromBase64(node.path("secret").asString(), "secret"),
                        Instant.parse(node.path("createdAt").asString())));
            }
            List<Route> routes = new ArrayList<>();
            for (JsonNode node : root.path("routes")) {
                routes.add(new Route(
                        node.path("hostname").asString(),
                        UUID.fromString(node.path("tunnelId").asString())));
            }
            return new TunnelStore.State(root.path("accountTag").asString(), tunnels, routes);
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException ex) {
            throw new TunnelStoreException(
                    "The state file " + state.resolve(FILE) + " is not valid ("
                            + ex.getClass().getSimpleName() + "); restore it from a backup or delete it to start empty",
                    ex);
        }
    }

    @Override
    public void save(TunnelStore.State value) {
        ObjectNode root = json.createObjectNode();
        root.put("accountTag", value.accountTag());
        ArrayNode tunnels = root.putArray("tunnels");
        for (Tunnel tunnel : value.tunnels()) {
            tunnels.addObject()
                    .put("id", tunnel.id().toString())
                    .put("name", tunnel.name())
                    .put("accountTag", tunnel.accountTag())
                    .put("secret", tunnel.secret().toBase64())
                    .put("createdAt", tunnel.createdAt().toString());
        }
        ArrayNode routes = root.putArray("routes");
        for (Route route : value.routes()) {
            routes.addObject()
                    .put("hostname", route.hostname())
                    .put("tunnelId", route.tunnelId().toString());
        }
        state.write(FILE, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
    }
}
