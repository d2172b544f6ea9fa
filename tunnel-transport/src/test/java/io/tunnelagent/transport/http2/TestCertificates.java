package io.tunnelagent.transport.http2;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA and certificates it signs, generated in memory for tests (EC P-256). */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(String name) {
        this.caKeys = keyPair();
        this.ca = sign(
                new X500Name("CN=" + name), caKeys, caKeys.getPrivate(), new X500Name("CN=" + name), true, List.of());
    }

    /**
     * Creates a new CA.
     *
     * @param name the CA's common name
     * @return the CA
     */
    public static TestCertificates authority(String name) {
        return new TestCertificates(name);
    }

    /**
     * The CA certificate.
     *
     * @return the certificate
     */
    public X509Certificate caCertificate() {
        return ca;
    }

    /**
     * Issues a server certificate.
     *
     * @param names the DNS names and IP addresses (IP literals become IP SANs)
     * @return the key and chain
     */
    public Issued issue(String... names) {
        KeyPair keys = keyPair();
        List<GeneralName> sans = new ArrayList<>();
        for (String name : names) {
            boolean ip = Character.isDigit(name.charAt(0)) || name.contains(":");
            sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        X509Certificate leaf = sign(
                new X500Name("CN=" + names[0]),
                keys,
                caKeys.getPrivate(),
                new X500Name(ca.getSubjectX500Principal().getName()),
                false,
                sans);
        return new Issued(keys.getPrivate(), List.of(leaf, ca));
    }

    /**
     * A key and its certificate chain.
     *
     * @param key the private key
     * @param chain leaf first
     */
    public record Issued(PrivateKey key, List<X509Certificate> chain) {}

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static X509Certificate sign(
            X500Name subject, KeyPair keys, PrivateKey issuerKey, X500Name issuer, boolean ca, List<GeneralName> sans) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
