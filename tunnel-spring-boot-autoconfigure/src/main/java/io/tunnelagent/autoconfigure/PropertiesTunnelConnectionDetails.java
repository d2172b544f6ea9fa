package io.tunnelagent.autoconfigure;

import io.tunnelagent.protocol.credentials.CredentialsException;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.protocol.credentials.TunnelToken;
import io.tunnelagent.transport.TransportException;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link TunnelConnectionDetails} read from {@link TunnelProperties}: the token wins over the credentials file, the
 * {@code id} property over both. Errors name the property and never echo the token or the file's content.
 */
public final class PropertiesTunnelConnectionDetails implements TunnelConnectionDetails {

    static final String NO_CREDENTIALS =
            "No tunnel credentials: neither cloudflare.tunnel.token nor" + " cloudflare.tunnel.credentials-file is set";

    static final String NO_CREDENTIALS_ACTION = "Set cloudflare.tunnel.token to the tunnel's token (dashboard, or"
            + " 'cloudflared tunnel token <name>'), or cloudflare.tunnel.credentials-file to the file written by"
            + " 'cloudflared tunnel create'. To try the application locally without a Cloudflare account, add"
            + " io.tunnelagent:tunnel-edge as an optional (development-time) dependency: a local edge then starts"
            + " in-process.";

    private final TunnelProperties properties;

    /**
     * Creates the details.
     *
     * @param properties the bound properties
     */
    public PropertiesTunnelConnectionDetails(TunnelProperties properties) {
        this.properties = properties;
    }

    @Override
    public TunnelCredentials getCredentials() {
        String token = this.properties.getToken();
        if (hasText(token)) {
            return decodeToken(token).toCredentials();
        }
        Path file = this.properties.getCredentialsFile();
        if (file != null) {
            return readCredentials(file);
        }
        throw new TunnelConfigurationException(NO_CREDENTIALS, NO_CREDENTIALS_ACTION);
    }

    @Override
    public @Nullable UUID getTunnelId() {
        UUID id = this.properties.getId();
        if (id != null) {
            return id;
        }
        String token = this.properties.getToken();
        return hasText(token) ? decodeToken(token).tunnelId() : null;
    }

    @Override
    public List<InetSocketAddress> getEdgeAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        List<String> edge = this.properties.getEdge();
        for (int i = 0; i < edge.size(); i++) {
            addresses.add(edgeAddress("cloudflare.tunnel.edge[" + i + "]", edge.get(i)));
        }
        return addresses;
    }

    @Override
    public @Nullable String getRegion() {
        String region = this.properties.getRegion();
        return hasText(region) ? region : null;
    }

    @Override
    public EdgeTrust getEdgeTrust() {
        Path caCert = this.properties.getCaCert();
        if (caCert == null) {
            return EdgeTrust.defaults();
        }
        try {
            return EdgeTrust.fromCaBundle(caCert);
        } catch (TransportException ex) {
            throw new TunnelConfigurationException(
                    "cloudflare.tunnel.ca-cert is not usable: " + ex.getMessage(),
                    "Point cloudflare.tunnel.ca-cert to a readable PEM file of CA certificates, or remove it to"
                            + " trust the default roots.",
                    ex);
        }
    }

    static InetSocketAddress edgeAddress(String key, String value) {
        String text = value.trim();
        int colon = text.lastIndexOf(':');
        String host = (colon > 0) ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        try {
            port = (colon > 0) ? Integer.parseInt(text.substring(colon + 1)) : -1;
        } catch (NumberFormatException ex) {
            // reported below
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new TunnelConfigurationException(
                    key + " '" + value + "' is not an edge address",
                    "Write each edge address as host:port, for example 198.41.192.7:7844 or [::1]:7844.");
        }
        return new InetSocketAddress(host, port);
    }

    private static TunnelToken decodeToken(String token) {
        try {
            return TunnelToken.decode(token.trim());
        } catch (CredentialsException ex) {
            throw new TunnelConfigurationException(
                    "cloudflare.tunnel.token is not a valid tunnel token: " + ex.getMessage(),
                    "Copy the token again, whole, from the Cloudflare dashboard or 'cloudflared tunnel token"
                            + " <name>'.",
                    ex);
        }
    }

    private static TunnelCredentials readCredentials(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException ex) {
            throw new TunnelConfigurationException(
                    "cloudflare.tunnel.credentials-file '" + file + "' cannot be read: " + ex,
                    "Point cloudflare.tunnel.credentials-file to the JSON file written by 'cloudflared tunnel"
                            + " create' and make it readable by this process.",
                    ex);
        }
        try {
            return TunnelCredentials.fromJson(content);
        } catch (CredentialsException ex) {
            throw new TunnelConfigurationException(
                    "cloudflare.tunnel.credentials-file '" + file + "' is not a tunnel credentials file: "
                            + ex.getMessage(),
                    "Use the JSON file written by 'cloudflared tunnel create' (AccountTag, TunnelSecret,"
                            + " TunnelID).",
                    ex);
        }
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
