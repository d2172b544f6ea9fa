package io.tunnelagent.transport.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates made with BouncyCastle: a CA and edge certificates signed by it, as objects and as PEM files.
 */
public final class TestPki {

    /** The names a local edge's certificate carries. */
    public static final List<String> EDGE_NAMES =
            List.of("quic.cftunnel.com", "h2.cftunnel.com", "localhost", "127.0.0.1");

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /**
     * Creates a new CA.
     *
     * @return the PKI
     */
    public static TestPki create() {
        try {
            KeyPair keys = ecKeys();
            X500Name name = new X500Name("CN=Test Edge CA " + SERIAL.get());
            X509v3CertificateBuilder builder = builder(name, name, keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestPki(keys, sign(builder, keys));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The CA certificate.
     *
     * @return the certificate
     */
    public X509Certificate ca() {
        return ca;
    }

    /**
     * The CA as edge trust.
     *
     * @return the trust
     */
    public EdgeTrust trust() {
        return EdgeTrust.of(ca);
    }

    /**
     * An edge certificate with {@link #EDGE_NAMES}.
     *
     * @return the certificate
     */
    public EdgeCertificate edgeCertificate() {
        return edgeCertificate(EDGE_NAMES);
    }

    /**
     * An edge certificate (EC P-256) for the given DNS names or IP literals.
     *
     * @param names the subject alternative names
     * @return the certificate
     */
    public EdgeCertificate edgeCertificate(List<String> names) {
        try {
            KeyPair keys = ecKeys();
            return EdgeCertificate.of(keys.getPrivate(), List.of(leaf(keys, names)));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A leaf certificate for a key pair.
     *
     * @param keys the leaf's keys
     * @param names the subject alternative names
     * @return the certificate
     * @throws Exception if signing fails
     */
    public X509Certificate leaf(KeyPair keys, List<String> names) throws Exception {
        X509v3CertificateBuilder builder = builder(
                new X500Name("CN=" + names.get(0)),
                new X500Name(ca.getSubjectX500Principal().getName()),
                keys);
        GeneralName[] altNames = names.stream()
                .map(n -> Character.isDigit(n.charAt(0))
                        ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        return sign(builder, caKeys);
    }

    /**
     * Writes objects as PEM to a file.
     *
     * @param file the file
     * @param objects certificates, keys or {@link JcaPKCS8Generator}s
     * @return the file
     */
    public static Path writePem(Path file, Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                if (object instanceof JcaPKCS8Generator generator) {
                    writer.writeObject(generator.generate());
                } else {
                    writer.writeObject(object);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try {
            return Files.writeString(file, text.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A new EC P-256 key pair.
     *
     * @return the keys
     * @throws GeneralSecurityException if the JDK has no EC
     */
    public static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }
}
