package io.tunnelagent.edge.state;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The edge's certificate authority and its ECDSA P-256 server certificate (SANs {@code quic.cftunnel.com},
 * {@code h2.cftunnel.com}, {@code probe.cftunnel.com} (cloudflared's connectivity pre-checks), {@code localhost},
 * {@code *.localhost}, {@code 127.0.0.1}), generated on first start and loaded afterwards; a stored certificate that
 * lacks one of these names is issued again from the same CA. Connectors trust {@link #caFile()}
 * ({@code cloudflared --cacert}).
 *
 * @param ca the CA certificate
 * @param certificate the edge certificate
 * @param key the edge certificate's private key
 * @param caKey the CA's private key, which signs {@link #issue host certificates} for visitors
 * @param caFile where the CA certificate is stored
 */
public record EdgePki(
        X509Certificate ca, X509Certificate certificate, PrivateKey key, PrivateKey caKey, java.nio.file.Path caFile) {

    /** The CA certificate file. */
    public static final String CA_FILE = "ca.pem";

    private static final String CA_KEY_FILE = "ca-key.pem";
    private static final String CERT_FILE = "edge.pem";
    private static final String KEY_FILE = "edge-key.pem";
    private static final List<String> DNS_NAMES =
            List.of("quic.cftunnel.com", "h2.cftunnel.com", "probe.cftunnel.com", "localhost", "*.localhost");

    /**
     * Loads the CA and certificate from the state directory, generating any that is missing.
     *
     * @param state the state directory
     * @param clock the clock for validity periods
     * @return the PKI
     */
    public static EdgePki loadOrCreate(StateDirectory state, Clock clock) {
        try {
            if (state.read(CA_FILE).isEmpty() || state.read(CA_KEY_FILE).isEmpty()) {
                KeyPair caKeys = newKeyPair();
                X509Certificate ca = caCertificate(caKeys, clock.instant());
                state.write(CA_KEY_FILE, pem(caKeys.getPrivate()), true);
                state.write(CA_FILE, pem(ca), false);
                state.write(KEY_FILE, new byte[0], true);
            }
            X509Certificate ca =
                    readCertificates(state.read(CA_FILE).orElseThrow()).get(0);
            PrivateKey caKey = readKey(state.read(CA_KEY_FILE).orElseThrow());
            byte[] certificate = state.read(CERT_FILE).orElse(new byte[0]);
            byte[] key = state.read(KEY_FILE).orElse(new byte[0]);
            if (certificate.length == 0 || key.length == 0 || !coversEveryName(certificate)) {
                KeyPair edgeKeys = newKeyPair();
                X509Certificate leaf =
                        leafCertificate(edgeKeys.getPublic(), DNS_NAMES, true, ca, caKey, clock.instant());
                state.write(KEY_FILE, pem(edgeKeys.getPrivate()), true);
                state.write(CERT_FILE, pem(leaf), false);
                certificate = state.read(CERT_FILE).orElseThrow();
                key = state.read(KEY_FILE).orElseThrow();
            }
            return new EdgePki(ca, readCertificates(certificate).get(0), readKey(key), caKey, state.resolve(CA_FILE));
        } catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
            throw new StateException(
                    "Could not load or create the edge's CA and certificate in " + state.path()
                            + ": delete ca.pem, ca-key.pem, edge.pem and edge-key.pem to generate new ones",
                    ex);
        }
    }

    private static boolean coversEveryName(byte[] certificate) throws IOException, GeneralSecurityException {
        Collection<List<?>> names = readCertificates(certificate).get(0).getSubjectAlternativeNames();
        Set<Object> present = new HashSet<>();
        if (names != null) {
            names.forEach(name -> present.add(name.get(1)));
        }
        return present.containsAll(DNS_NAMES);
    }

    /**
     * The certificate chain to present, leaf first.
     *
     * @return the chain
     */
    public List<X509Certificate> chain() {
        return List.of(certificate, ca);
    }

    /**
     * Issues a server certificate for one hostname, signed by the edge's CA (for the visitor HTTPS listener, which
     * serves every routed hostname).
     *
     * @param hostname the DNS name the certificate is for
     * @param publicKey the key it certifies
     * @param now the start of its validity
     * @return the certificate
     * @throws StateException if the certificate cannot be built
     */
    public X509Certificate issue(String hostname, PublicKey publicKey, Instant now) {
        try {
            return leafCertificate(publicKey, List.of(hostname), false, ca, caKey, now);
        } catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
            throw new StateException(
                    "Could not issue a certificate for " + hostname + " from the edge CA: check ca-key.pem", ex);
        }
    }

    /**
     * A new ECDSA P-256 key pair.
     *
     * @return the key pair
     * @throws StateException if the JDK offers no P-256
     */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException ex) {
            throw new StateException("This JDK cannot generate ECDSA P-256 keys", ex);
        }
    }

    @Override
    public String toString() {
        return "EdgePki[ca=" + ca.getSubjectX500Principal() + ", caFile=" + caFile + "]";
    }

    private static X509Certificate caCertificate(KeyPair keys, Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name name = new X500Name("CN=tunnel-edge local CA");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                serial(),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(3650))),
                name,
                keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(builder, keys.getPrivate());
    }

    private static X509Certificate leafCertificate(
            PublicKey key,
            List<String> dnsNames,
            boolean withLoopbackIp,
            X509Certificate ca,
            PrivateKey caKey,
            Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                ca,
                serial(),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(825))),
                new X500Name("CN=" + dnsNames.get(0)),
                key);
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        if (withLoopbackIp) {
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(
                Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        return sign(builder, caKey);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException, OperatorCreationException {
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<X509Certificate> readCertificates(byte[] pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificate in the PEM file");
        }
        return certificates;
    }

    private static PrivateKey readKey(byte[] pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("no private key in the PEM file");
        }
    }
}
