package io.tunnelagent.benchmarks.transport;

import io.tunnelagent.transport.tls.EdgeCertificate;
import io.tunnelagent.transport.tls.EdgeTrust;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA and edge certificate for the benchmark.
 *
 * @param trust the CA as edge trust
 * @param certificate the edge certificate for {@code quic.cftunnel.com} and {@code h2.cftunnel.com}
 */
record BenchmarkPki(EdgeTrust trust, EdgeCertificate certificate) {

    static BenchmarkPki create() throws Exception {
        KeyPair caKeys = keys();
        X500Name caName = new X500Name("CN=Benchmark CA");
        X509v3CertificateBuilder ca = builder(caName, caName, caKeys);
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate caCert = sign(ca, caKeys);
        KeyPair edgeKeys = keys();
        X509v3CertificateBuilder edge = builder(new X500Name("CN=quic.cftunnel.com"), caName, edgeKeys);
        edge.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "quic.cftunnel.com"),
            new GeneralName(GeneralName.dNSName, "h2.cftunnel.com")
        }));
        return new BenchmarkPki(
                EdgeTrust.of(caCert), EdgeCertificate.of(edgeKeys.getPrivate(), List.of(sign(edge, caKeys))));
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }
}
