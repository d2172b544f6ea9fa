package io.tunnelagent.edge;

import io.tunnelagent.edge.admin.AdminClient;
import io.tunnelagent.edge.admin.AdminCommands;
import io.tunnelagent.edge.state.AdminToken;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The runnable jar: {@code java -jar tunnel-edge.jar [options]} runs an edge; {@code java -jar tunnel-edge.jar
 * [--admin URL] [--state DIR | --token T] COMMAND …} drives a running one through the admin API.
 */
public final class Main {

    private static final String USAGE = String.join(
            "\n",
            "Usage:",
            "  java -jar tunnel-edge.jar [--state DIR] [--bind ADDR] [--edge-port N] [--visitor-port N]"
                    + " [--visitor-tls-port N]"
                    + " [--visitor-tls-port N] [--admin-port N] [--no-quic]",
            "  java -jar tunnel-edge.jar [--admin URL] [--state DIR | --token TOKEN] COMMAND",
            "Commands:",
            AdminCommands.USAGE);

    private Main() {}

    /**
     * Runs the edge or a command.
     *
     * @param args the arguments
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tunnel-edge-logback.xml");
        }
        LocalEdgeBuilder builder = LocalEdge.builder();
        Path state = Path.of("tunnel-edge-state");
        String admin = "http://127.0.0.1:7845";
        String token = null;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--state" -> state = Path.of(value(args, ++i, arg));
                case "--bind" -> builder.bindAddress(InetAddress.getByName(value(args, ++i, arg)));
                case "--edge-port" -> builder.edgePort(Integer.parseInt(value(args, ++i, arg)));
                case "--visitor-port" -> builder.visitorPort(Integer.parseInt(value(args, ++i, arg)));
                case "--visitor-tls-port" -> builder.visitorTlsPort(Integer.parseInt(value(args, ++i, arg)));
                case "--admin-port" -> builder.adminPort(Integer.parseInt(value(args, ++i, arg)));
                case "--no-quic" -> builder.quic(false);
                case "--admin" -> admin = value(args, ++i, arg);
                case "--token" -> token = value(args, ++i, arg);
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> command.add(arg);
            }
        }
        if (!command.isEmpty()) {
            System.exit(runCommand(admin, token, state, command));
        }
        serve(builder.stateDirectory(state));
    }

    private static void serve(LocalEdgeBuilder builder) throws InterruptedException {
        LocalEdge edge = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            edge.close();
                            stopped.countDown();
                        },
                        "tunnel-edge-shutdown"));
        System.out.println("tunnel-edge is running");
        System.out.println("  connectors (" + (edge.quicEnabled() ? "QUIC/UDP + HTTP/2/TCP" : "HTTP/2/TCP") + "): "
                + edge.edgeAddress().getAddress().getHostAddress() + ":"
                + edge.edgeAddress().getPort());
        System.out.println("  visitors (HTTP):  http://"
                + edge.visitorAddress().getAddress().getHostAddress() + ":"
                + edge.visitorAddress().getPort() + "/  (HTTP/1.1, h2c)");
        System.out.println("  visitors (HTTPS): https://localhost:"
                + edge.visitorTlsAddress().getPort() + "/  (HTTP/1.1, h2; a certificate for every routed hostname)");
        System.out.println(
                "  admin API:        http://" + edge.adminAddress().getAddress().getHostAddress() + ":"
                        + edge.adminAddress().getPort() + "/api/  (metrics at /metrics)");
        System.out.println("  CA certificate:   " + edge.caCertificatePath() + "  (cloudflared --cacert)");
        System.out.println("  admin token in:   " + edge.adminTokenPath());
        stopped.await();
    }

    private static int runCommand(String admin, String token, Path state, List<String> command) throws Exception {
        String value = (token != null)
                ? token
                : Files.readString(state.resolve(AdminToken.FILE), StandardCharsets.UTF_8)
                        .trim();
        AdminClient client = new AdminClient(URI.create(admin), AdminToken.of(value));
        try {
            AdminClient.Response response = AdminCommands.run(client, command);
            System.out.println(response.body());
            return response.ok() ? 0 : 1;
        } catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            return 2;
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
