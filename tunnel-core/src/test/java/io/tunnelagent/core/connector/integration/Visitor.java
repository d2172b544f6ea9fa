package io.tunnelagent.core.connector.integration;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A visitor of the edge's HTTP/1.1 port, on a plain socket so that it can set {@code Host}, send chunked bodies,
 * stream a response without keeping it and speak WebSocket frames after an upgrade. Keeps the connection alive
 * between exchanges; every read has a timeout.
 */
final class Visitor implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;

    private final InputStream in;

    private final OutputStream out;

    private Visitor(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    static Visitor connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return new Visitor(socket);
    }

    Response get(String host, String path) throws IOException {
        return exchange("GET", host, path, null);
    }

    /** Sends a request ({@code Content-Length} body when {@code body} is not null) and reads the whole response. */
    Response exchange(String method, String host, String path, byte[] body) throws IOException {
        StringBuilder head = requestHead(method, host, path);
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        this.out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            this.out.write(body);
        }
        this.out.flush();
        return readResponse();
    }

    /** Sends a POST with a chunked body, one chunk per part, and reads the whole response. */
    Response postChunked(String host, String path, List<byte[]> chunks) throws IOException {
        StringBuilder head = requestHead("POST", host, path).append("Transfer-Encoding: chunked\r\n\r\n");
        this.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            this.out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            this.out.write(chunk);
            this.out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        this.out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        this.out.flush();
        return readResponse();
    }

    /** Sends a GET and hands the body to {@code sink} piece by piece instead of keeping it. */
    Head download(String host, String path, BodySink sink) throws IOException {
        this.out.write(requestHead("GET", host, path).append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        this.out.flush();
        Head head = readHead();
        long length = Long.parseLong(head.header("content-length"));
        byte[] buffer = new byte[64 * 1024];
        long offset = 0;
        while (offset < length) {
            int read = this.in.read(buffer, 0, (int) Math.min(buffer.length, length - offset));
            if (read < 0) {
                throw new EOFException("Body ended after " + offset + " of " + length + " bytes");
            }
            sink.accept(buffer, read, offset);
            offset += read;
        }
        return head;
    }

    /** Sends a WebSocket upgrade and reads the response head. */
    Head upgrade(String host, String path) throws IOException {
        StringBuilder head = requestHead("GET", host, path)
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        this.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        this.out.flush();
        return readHead();
    }

    /** Sends one masked WebSocket frame (FIN set) with a payload below 126 bytes. */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        frame.write(0x80 | payload.length);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        this.out.write(frame.toByteArray());
        this.out.flush();
    }

    /** Reads one unmasked WebSocket frame with a payload below 126 bytes. */
    Frame readFrame() throws IOException {
        int first = readByte();
        int length = readByte();
        if ((length & 0x80) != 0 || length >= 126) {
            throw new IOException("Expected an unmasked short frame, got length byte " + length);
        }
        return new Frame(first, this.in.readNBytes(length));
    }

    private StringBuilder requestHead(String method, String host, String path) {
        return new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\n");
    }

    private Response readResponse() throws IOException {
        Head head = readHead();
        String length = head.header("content-length");
        byte[] body;
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            body = readChunked();
        } else if (length != null) {
            body = this.in.readNBytes(Integer.parseInt(length));
        } else {
            body = this.in.readAllBytes();
        }
        return new Response(head, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // Trailers are not kept.
                }
                return body.toByteArray();
            }
            body.write(this.in.readNBytes(size));
            readLine();
        }
    }

    private Head readHead() throws IOException {
        String status = readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            headers.merge(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        return new Head(Integer.parseInt(status.substring(9, 12)), headers);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = readByte()) != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private int readByte() throws IOException {
        int b = this.in.read();
        if (b < 0) {
            throw new EOFException("The edge closed the connection");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }

    /** Receives a downloaded body piece by piece. */
    @FunctionalInterface
    interface BodySink {

        void accept(byte[] buffer, int length, long offset) throws IOException;
    }

    /** A response head; header names in lower case, repeated values joined with {@code ", "}. */
    record Head(int status, Map<String, String> headers) {

        String header(String name) {
            return this.headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A whole response. */
    record Response(Head head, byte[] body) {

        int status() {
            return this.head.status();
        }

        String text() {
            return new String(this.body, StandardCharsets.UTF_8);
        }
    }

    /** A WebSocket frame: its first byte (FIN and opcode) and payload. */
    record Frame(int first, byte[] payload) {

        int opcode() {
            return this.first & 0x0f;
        }
    }
}
