package io.tunnelagent.core.connector.registration;

import io.tunnelagent.protocol.registration.ClientInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The {@code ClientInfo} the connector sends with every registration (protocol doc 4.5): the connector ID (a random
 * UUID per start), cloudflared's default feature set, this library's version and the platform as {@code
 * <os>_<arch>}.
 */
public final class ClientIdentity {

    /** The features cloudflared sends by default, in the order the vectors show them. */
    public static final List<String> DEFAULT_FEATURES = List.of(
            "allow_remote_config", "serialized_headers", "support_datagram_v2", "support_quic_eof", "management_logs");

    /** The extra feature sent in strict post-quantum mode. */
    public static final String POST_QUANTUM = "postquantum";

    private ClientIdentity() {}

    /**
     * Builds the client info.
     *
     * @param connectorId the connector ID of this start
     * @param version the connector version string
     * @param postQuantum whether strict post-quantum mode is on
     * @return the client info
     */
    public static ClientInfo clientInfo(UUID connectorId, String version, boolean postQuantum) {
        List<String> features = new ArrayList<>(DEFAULT_FEATURES);
        if (postQuantum) {
            features.add(POST_QUANTUM);
        }
        return new ClientInfo(connectorId, features, version, arch());
    }

    /**
     * This platform in Go's {@code GOOS_GOARCH} form, e.g. {@code linux_amd64}, {@code darwin_arm64}.
     *
     * @return the platform
     */
    public static String arch() {
        return goos(System.getProperty("os.name", "")) + "_" + goarch(System.getProperty("os.arch", ""));
    }

    static String goos(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return "windows";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "darwin";
        }
        if (os.contains("freebsd")) {
            return "freebsd";
        }
        return os.isEmpty() ? "unknown" : os.replace(' ', '_');
    }

    static String goarch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "arm" -> "arm";
            case "" -> "unknown";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
    }
}
