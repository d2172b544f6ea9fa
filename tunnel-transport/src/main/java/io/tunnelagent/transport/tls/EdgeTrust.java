package io.tunnelagent.transport.tls;

import io.tunnelagent.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The roots a connector trusts for the edge's certificate (protocol doc section 2), and the trust managers built
 * from them. Verification always checks the chain and the fixed server name ({@link #QUIC_SERVER_NAME} or
 * {@link #HTTP2_SERVER_NAME}); it cannot be switched off.
 *
 * <ul>
 *   <li>{@link #defaults()}: the JDK's default trust store plus the three Cloudflare origin roots that
 *       {@code cloudflared} embeds, like {@code cloudflared} without {@code --cacert}.
 *   <li>{@link #fromCaBundle(Path)}: only the certificates of a PEM file, like {@code --cacert} (for a local edge).
 * </ul>
 */
public final class EdgeTrust {

    /** The server name (SNI, and the name verified in the certificate) of the QUIC edge. */
    public static final String QUIC_SERVER_NAME = "quic.cftunnel.com";

    /** The server name (SNI, and the name verified in the certificate) of the HTTP/2 edge. */
    public static final String HTTP2_SERVER_NAME = "h2.cftunnel.com";

    private static final String CLOUDFLARE_ROOTS = "cloudflare-origin-roots.pem";

    private final List<X509Certificate> roots;
    private final String description;

    private EdgeTrust(List<X509Certificate> roots, String description) {
        this.roots = List.copyOf(roots);
        this.description = description;
    }

    /**
     * The default roots: the JDK's default trust store and Cloudflare's origin roots.
     *
     * @return the trust
     */
    public static EdgeTrust defaults() {
        List<X509Certificate> roots = new ArrayList<>(jdkDefaultRoots());
        roots.addAll(cloudflareOriginRoots());
        return new EdgeTrust(roots, "JDK default roots and Cloudflare origin roots");
    }

    /**
     * The roots of a PEM CA bundle, replacing the defaults (like {@code cloudflared --cacert}).
     *
     * @param caBundle a PEM file with one or more certificates
     * @return the trust
     * @throws TransportException if the file cannot be read or holds no certificate
     */
    public static EdgeTrust fromCaBundle(Path caBundle) {
        String text;
        try {
            text = Files.readString(caBundle, StandardCharsets.US_ASCII);
        } catch (IOException ex) {
            throw new TransportException("Cannot read edge CA bundle " + caBundle + ": " + ex, ex);
        }
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(text);
        } catch (CertificateException | IllegalArgumentException ex) {
            throw new TransportException(
                    "Edge CA bundle " + caBundle + " holds a malformed certificate: " + ex.getMessage(), ex);
        }
        if (certificates.isEmpty()) {
            throw new TransportException("Edge CA bundle " + caBundle
                    + " contains no certificate; expected PEM blocks '-----BEGIN CERTIFICATE-----'");
        }
        return new EdgeTrust(certificates, "CA bundle " + caBundle);
    }

    /**
     * Trusts exactly the given roots.
     *
     * @param roots the root certificates
     * @return the trust
     */
    public static EdgeTrust of(Collection<X509Certificate> roots) {
        if (roots.isEmpty()) {
            throw new TransportException("Edge trust needs at least one root certificate");
        }
        return new EdgeTrust(new ArrayList<>(roots), roots.size() + " given root(s)");
    }

    /**
     * Trusts exactly the given roots.
     *
     * @param roots the root certificates
     * @return the trust
     */
    public static EdgeTrust of(X509Certificate... roots) {
        return of(Arrays.asList(roots));
    }

    /**
     * The trusted root certificates.
     *
     * @return the roots
     */
    public List<X509Certificate> roots() {
        return roots;
    }

    /**
     * The roots as an in-memory key store of trusted certificate entries (for libraries that take a trust store).
     *
     * @return the key store
     */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate root : roots) {
                store.setCertificateEntry("edge-root-" + index++, root);
            }
            return store;
        } catch (GeneralSecurityException | IOException ex) {
            throw new TransportException("Cannot build the edge trust store: " + ex, ex);
        }
    }

    /**
     * A trust manager that accepts a server chain only if it chains to these roots and its leaf certificate
     * names {@code serverName} in a DNS subject alternative name.
     *
     * @param serverName the name to verify, e.g. {@link #QUIC_SERVER_NAME}
     * @return the trust manager
     */
    public X509ExtendedTrustManager trustManager(String serverName) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(trustStore());
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager chain) {
                    return new ServerNameTrustManager(chain, serverName);
                }
            }
        } catch (GeneralSecurityException ex) {
            throw new TransportException("Cannot build the edge trust manager: " + ex, ex);
        }
        throw new TransportException("The JDK's PKIX trust manager factory returned no X509TrustManager");
    }

    @Override
    public String toString() {
        return "EdgeTrust[" + description + ", " + roots.size() + " root(s)]";
    }

    private static List<X509Certificate> jdkDefaultRoots() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            Map<String, X509Certificate> bySubject = new LinkedHashMap<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        bySubject.putIfAbsent(
                                issuer.getSubjectX500Principal().getName() + issuer.getSerialNumber(), issuer);
                    }
                }
            }
            return new ArrayList<>(bySubject.values());
        } catch (GeneralSecurityException ex) {
            throw new TransportException("Cannot load the JDK's default trust store: " + ex, ex);
        }
    }

    static List<X509Certificate> cloudflareOriginRoots() {
        try (InputStream in = EdgeTrust.class.getResourceAsStream(CLOUDFLARE_ROOTS)) {
            if (in == null) {
                throw new TransportException("Resource " + CLOUDFLARE_ROOTS + " is missing from the transport jar");
            }
            return Pem.certificates(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | CertificateException ex) {
            throw new TransportException("Cannot read the embedded Cloudflare origin roots: " + ex, ex);
        }
    }
}
