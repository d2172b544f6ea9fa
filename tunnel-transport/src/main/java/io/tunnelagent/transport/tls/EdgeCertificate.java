package io.tunnelagent.transport.tls;

import io.tunnelagent.transport.TransportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The edge's certificate chain and private key (edge role), loaded from PEM: the chain leaf first, the key as
 * PKCS#8 ({@code PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}), unencrypted. For
 * {@code cloudflared} to accept it, the leaf must name {@code quic.cftunnel.com} and {@code h2.cftunnel.com} and
 * chain to the CA given to it with {@code --cacert}. {@link #toString()} never shows the key.
 */
public final class EdgeCertificate {

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    private EdgeCertificate(List<X509Certificate> chain, PrivateKey privateKey) {
        if (chain.isEmpty()) {
            throw new TransportException("An edge certificate needs at least its leaf certificate");
        }
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
    }

    /**
     * Loads a chain and a key from PEM files.
     *
     * @param certificateChain PEM certificates, leaf first
     * @param key the PEM private key
     * @return the certificate
     * @throws TransportException if a file cannot be read or parsed
     */
    public static EdgeCertificate fromPem(Path certificateChain, Path key) {
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(Files.readString(certificateChain, StandardCharsets.US_ASCII));
        } catch (IOException | CertificateException | IllegalArgumentException ex) {
            throw new TransportException("Cannot read edge certificate " + certificateChain + ": " + ex, ex);
        }
        if (chain.isEmpty()) {
            throw new TransportException("Edge certificate file " + certificateChain
                    + " contains no certificate; expected PEM blocks '-----BEGIN CERTIFICATE-----'");
        }
        PrivateKey privateKey;
        try {
            privateKey = PrivateKeys.decode(Files.readString(key, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException ex) {
            // the message never contains key material: only the file name and what is wrong with it
            throw new TransportException("Cannot read edge certificate key " + key + ": " + ex.getMessage());
        }
        return new EdgeCertificate(chain, privateKey);
    }

    /**
     * Wraps a chain and key already in memory.
     *
     * @param privateKey the private key of the leaf
     * @param chain the certificates, leaf first
     * @return the certificate
     */
    public static EdgeCertificate of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new EdgeCertificate(chain, privateKey);
    }

    /**
     * The chain, leaf first.
     *
     * @return the certificates
     */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * The leaf's private key.
     *
     * @return the key
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "EdgeCertificate[" + chain.get(0).getSubjectX500Principal() + ", chain of " + chain.size() + ", "
                + privateKey.getAlgorithm() + " key]";
    }
}
