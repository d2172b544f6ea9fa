package io.tunnelagent.edge.admin;

import io.tunnelagent.edge.state.AdminToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small client of the admin API, used by the command line; answers are the API's JSON text. */
public final class AdminClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final AdminToken token;

    /**
     * Creates a client.
     *
     * @param base the admin API's base URI, e.g. {@code http://127.0.0.1:7845}
     * @param token the bearer token
     */
    public AdminClient(URI base, AdminToken token) {
        this.base = base;
        this.token = token;
    }

    /**
     * Sends one request.
     *
     * @param method the HTTP method
     * @param path the path under {@code /api}, e.g. {@code /tunnels}
     * @param json the JSON body, or empty
     * @return the status and body
     * @throws IOException if the edge cannot be reached
     * @throws InterruptedException if interrupted
     */
    public Response send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /**
     * An answer of the admin API.
     *
     * @param status the HTTP status
     * @param body the JSON body
     */
    public record Response(int status, String body) {

        /**
         * Whether the status is 2xx.
         *
         * @return true on success
         */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
