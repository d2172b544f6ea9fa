package io.tunnelagent.edge.admin;

import java.io.IOException;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line verbs that drive a running edge through its admin API: {@code tunnel list|create|delete|rotate},
 * {@code route list|add|delete}, {@code connections}, {@code quick-tunnel}.
 */
public final class AdminCommands {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AdminCommands() {}

    /** The usage text. */
    public static final String USAGE = String.join(
            "\n",
            "  tunnel list",
            "  tunnel create NAME [HOSTNAME]     prints credentials-file JSON and a token",
            "  tunnel delete ID|NAME",
            "  tunnel rotate ID|NAME              new secret; running connections stay up",
            "  route list",
            "  route add HOSTNAME ID|NAME         wildcards like *.example.com allowed",
            "  route delete HOSTNAME",
            "  connections",
            "  quick-tunnel                       random hostname plus credentials");

    /**
     * Runs one command.
     *
     * @param client the admin client
     * @param args the command and its arguments
     * @return the response
     * @throws IOException if the edge cannot be reached
     * @throws InterruptedException if interrupted
     * @throws IllegalArgumentException if the command is unknown or misses arguments
     */
    public static AdminClient.Response run(AdminClient client, List<String> args)
            throws IOException, InterruptedException {
        String verb = String.join(" ", args.subList(0, Math.min(2, args.size())));
        switch (verb) {
            case "tunnel list":
                return client.send("GET", "/tunnels", "");
            case "tunnel create":
                var create = JSON.createObjectNode().put("name", arg(args, 2, "NAME"));
                if (args.size() > 3) {
                    create.put("hostname", args.get(3));
                }
                return client.send("POST", "/tunnels", create.toString());
            case "tunnel delete":
                return client.send("DELETE", "/tunnels/" + arg(args, 2, "ID|NAME"), "");
            case "tunnel rotate":
                return client.send("POST", "/tunnels/" + arg(args, 2, "ID|NAME") + "/rotate-secret", "");
            case "route list":
                return client.send("GET", "/routes", "");
            case "route add":
                var route = JSON.createObjectNode()
                        .put("hostname", arg(args, 2, "HOSTNAME"))
                        .put("tunnel", arg(args, 3, "ID|NAME"));
                return client.send("POST", "/routes", route.toString());
            case "route delete":
                return client.send("DELETE", "/routes/" + arg(args, 2, "HOSTNAME"), "");
            default:
                if (!args.isEmpty() && args.get(0).equals("connections")) {
                    return client.send("GET", "/connections", "");
                }
                if (!args.isEmpty() && args.get(0).equals("quick-tunnel")) {
                    return client.send("POST", "/quick-tunnel", "");
                }
                throw new IllegalArgumentException(
                        "Unknown command '" + String.join(" ", args) + "'; commands:\n" + USAGE);
        }
    }

    private static String arg(List<String> args, int index, String name) {
        if (args.size() <= index) {
            throw new IllegalArgumentException("Missing " + name + " for '" + String.join(" ", args) + "'");
        }
        return args.get(index);
    }
}
