package io.tunnelagent.autoconfigure;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Plain HTTP/1.1 GETs to an edge's visitor port with a chosen Host (the JDK client refuses to set Host). */
public final class VisitorRequests {

    private VisitorRequests() {}

    /**
     * Sends a GET and reads the whole response (the connection is closed by the edge after it).
     *
     * @param port the visitor port on 127.0.0.1
     * @param host the Host header
     * @param path the path
     * @return the status and body
     * @throws IOException if the exchange fails or takes over 10 s
     */
    public static Response get(int port, String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            int bodyStart = raw.indexOf("\r\n\r\n");
            return new Response(status, (bodyStart < 0) ? "" : raw.substring(bodyStart + 4));
        }
    }

    /**
     * A response.
     *
     * @param status the status code
     * @param body the body as text (chunked bodies keep their chunk framing)
     */
    public record Response(int status, String body) {}
}
