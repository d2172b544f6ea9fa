package io.tunnelagent.transport.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Verifies a server chain against the edge roots (PKIX) and then the fixed server name against the leaf's DNS
 * subject alternative names (RFC 6125: exact match, or a wildcard in the leftmost label; the common name is not
 * used, as in Go). Whatever the TLS stack passes as the peer host is ignored: the edge's name is fixed.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {

    private static final int SAN_DNS_NAME = 2;

    /**
     * The authentication type handed to the PKIX check, whatever the TLS stack passed. Edge connections are TLS 1.3
     * (always on QUIC), where the key exchange does not depend on the certificate, and the JDK's own TLS 1.3 client
     * passes this value (the leaf then needs {@code digitalSignature} if it has a key usage at all). Kwik passes
     * {@code "RSA"} even for an ECDSA certificate, which would demand {@code keyEncipherment} and refuse a correct
     * edge certificate. Go, which cloudflared uses, checks no key usage for the authentication type either.
     */
    private static final String TLS13_AUTH_TYPE = "UNKNOWN";

    private final X509TrustManager chainVerifier;
    private final String serverName;

    ServerNameTrustManager(X509TrustManager chainVerifier, String serverName) {
        this.chainVerifier = chainVerifier;
        this.serverName = serverName.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chainVerifier.checkServerTrusted(chain, TLS13_AUTH_TYPE);
        verifyName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("The edge trust manager does not verify client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chainVerifier.getAcceptedIssuers();
    }

    private void verifyName(X509Certificate leaf) throws CertificateException {
        for (String name : dnsNames(leaf)) {
            if (matches(name.toLowerCase(Locale.ROOT), serverName)) {
                return;
            }
        }
        throw new CertificateException("The edge certificate " + leaf.getSubjectX500Principal() + " is not valid for "
                + serverName + " (its DNS names: " + dnsNames(leaf) + "); the edge must present a certificate for "
                + serverName);
    }

    static boolean matches(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }

    private static List<String> dnsNames(X509Certificate leaf) throws CertificateParsingException {
        Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        if (names == null) {
            return List.of();
        }
        return names.stream()
                .filter(entry ->
                        entry.size() >= 2 && Integer.valueOf(SAN_DNS_NAME).equals(entry.get(0)))
                .map(entry -> String.valueOf(entry.get(1)))
                .toList();
    }
}
