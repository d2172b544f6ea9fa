package io.tunnelagent.core.origin.access;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local JWKS endpoint (plain HTTP on loopback port 0, standing in for {@code <team>/cdn-cgi/access/certs}) with RSA
 * keys generated in the test, and a signer for Access tokens. {@link #close()} stops it.
 */
public final class AccessKeyServer implements AutoCloseable {

    public static final String ISSUER = "https://team.cloudflareaccess.com";

    private final HttpServer server;
    private final List<Key> published = new ArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();

    public AccessKeyServer() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/cdn-cgi/access/certs", exchange -> {
            this.fetches.incrementAndGet();
            byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        this.server.start();
    }

    /** The JWKS URL. */
    public URI location() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/cdn-cgi/access/certs");
    }

    /** Generates a key and publishes it under {@code kid}. */
    public synchronized Key publish(String kid) throws Exception {
        Key key = Key.generate(kid);
        this.published.add(key);
        return key;
    }

    /** How many times the key set was fetched. */
    public int fetches() {
        return this.fetches.get();
    }

    private synchronized String jwks() {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < this.published.size(); i++) {
            RSAPublicKey key = (RSAPublicKey) this.published.get(i).pair().getPublic();
            json.append(i == 0 ? "" : ",")
                    .append("{\"kid\":\"")
                    .append(this.published.get(i).kid())
                    .append("\",\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"e\":\"")
                    .append(base64(key.getPublicExponent()))
                    .append("\",\"n\":\"")
                    .append(base64(key.getModulus()))
                    .append("\"}");
        }
        return json.append("],\"public_cert\":{},\"public_certs\":[]}").toString();
    }

    private static String base64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    /**
     * A signing key.
     *
     * @param kid its key id
     * @param pair the RSA key pair
     */
    public record Key(String kid, KeyPair pair) {

        public static Key generate(String kid) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new Key(kid, generator.generateKeyPair());
        }

        /** A token with the given claims, signed RS256 with this key. */
        public String sign(String issuer, Instant expiry, String audienceJson) throws Exception {
            return sign(
                    "RS256",
                    "{\"iss\":\"" + issuer + "\",\"exp\":" + expiry.getEpochSecond() + ",\"aud\":" + audienceJson
                            + ",\"email\":\"user@example.com\"}");
        }

        /** A token with any header algorithm and claims JSON, signed RS256 with this key. */
        public String sign(String algorithm, String claims) throws Exception {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            String header = encoder.encodeToString(
                    ("{\"alg\":\"" + algorithm + "\",\"kid\":\"" + this.kid + "\"}").getBytes(StandardCharsets.UTF_8));
            String payload = encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(this.pair.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + encoder.encodeToString(signature.sign());
        }
    }
}
