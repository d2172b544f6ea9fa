package io.tunnelagent.core.origin.access;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RSA signing keys of one Access team (a JWKS document), fetched on first use and cached by {@code kid}. A token
 * signed with an unknown key triggers one refetch, at most once per {@link #MIN_REFRESH_INTERVAL}; concurrent callers
 * share a fetch in flight. Thread-safe.
 */
final class AccessKeys {

    /** The shortest time between two fetches caused by unknown key ids. */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(AccessKeys.class);

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI location;
    private final Clock clock;
    private Map<String, PublicKey> keys = Map.of();
    private @Nullable Instant fetchedAt;
    private @Nullable CompletableFuture<Map<String, PublicKey>> inFlight;

    AccessKeys(HttpClient client, URI location, Clock clock) {
        this.client = client;
        this.location = location;
        this.clock = clock;
    }

    /**
     * The keys to try for a token: the key with its {@code kid}, or every key when the token names none. Fetches the
     * set the first time, and again (rate-limited) when the {@code kid} is unknown.
     *
     * @param keyId the token's {@code kid}, empty when absent
     * @return the candidate keys, possibly empty
     */
    CompletableFuture<Map<String, PublicKey>> candidates(String keyId) {
        CompletableFuture<Map<String, PublicKey>> current;
        synchronized (this) {
            Map<String, PublicKey> known = this.keys;
            Instant last = this.fetchedAt;
            boolean unknown = known.isEmpty() || (!keyId.isEmpty() && !known.containsKey(keyId));
            CompletableFuture<Map<String, PublicKey>> running = this.inFlight;
            if (running != null) {
                current = running;
            } else if (last == null || (unknown && !this.clock.instant().isBefore(last.plus(MIN_REFRESH_INTERVAL)))) {
                current = fetch();
            } else {
                current = CompletableFuture.completedFuture(known);
            }
        }
        return current.thenApply(all -> select(all, keyId));
    }

    private static Map<String, PublicKey> select(Map<String, PublicKey> all, String keyId) {
        if (keyId.isEmpty()) {
            return all;
        }
        PublicKey key = all.get(keyId);
        return key == null ? Map.of() : Map.of(keyId, key);
    }

    private synchronized CompletableFuture<Map<String, PublicKey>> fetch() {
        this.fetchedAt = this.clock.instant();
        HttpRequest request = HttpRequest.newBuilder(this.location)
                .timeout(FETCH_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<Map<String, PublicKey>> started = this.client
                .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(this::parse)
                .handle(this::fetched);
        if (!started.isDone()) {
            this.inFlight = started;
        }
        return started;
    }

    private synchronized Map<String, PublicKey> fetched(
            @Nullable Map<String, PublicKey> result, @Nullable Throwable error) {
        this.inFlight = null;
        if (result == null) {
            Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
            String reason = cause instanceof AccessException
                    ? cause.getMessage()
                    : "oidc: get keys failed: " + (cause == null ? "no answer" : String.valueOf(cause.getMessage()));
            log.debug("Fetching Access keys from {} failed: {}", this.location, reason);
            throw new AccessException("failed to verify signature: fetching keys " + reason, cause);
        }
        this.keys = result;
        log.debug("Fetched {} Access signing keys from {}", result.size(), this.location);
        return result;
    }

    private Map<String, PublicKey> parse(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new AccessException("oidc: get keys failed: " + response.statusCode() + " from " + this.location);
        }
        JsonNode document;
        try {
            document = JSON.readTree(response.body());
        } catch (RuntimeException ex) {
            throw new AccessException("oidc: failed to decode keys: invalid JSON from " + this.location, ex);
        }
        Map<String, PublicKey> result = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode key : document.path("keys")) {
            if (key.path("kty").asString("").equals("RSA")) {
                String kid = key.path("kid").asString("");
                result.put(kid.isEmpty() ? "#" + index : kid, rsaKey(key));
            }
            index++;
        }
        return Map.copyOf(result);
    }

    private static PublicKey rsaKey(JsonNode key) {
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            BigInteger modulus = new BigInteger(1, decoder.decode(key.path("n").asString("")));
            BigInteger exponent = new BigInteger(1, decoder.decode(key.path("e").asString("")));
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (Exception ex) {
            throw new AccessException("oidc: failed to decode keys: invalid RSA key " + key.path("kid"), ex);
        }
    }
}
