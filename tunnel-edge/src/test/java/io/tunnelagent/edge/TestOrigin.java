package io.tunnelagent.edge;

import io.netty.buffer.ByteBuf;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.StreamInboundHandler;
import io.tunnelagent.transport.TunnelStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The origin behind a {@link TestConnector}, answering by path: {@code /hello} (fixed body), {@code /digest} (size
 * and SHA-256 of the request body, answered once it has all arrived), {@code /echo} (streams
 * the request body back), {@code /headers} (the request metadata as lines), {@code /download?bytes=N} (N bytes),
 * {@code /gate} (answers when {@link #gate} completes), {@code /never} (never answers), {@code /fail} (an error
 * response), {@code /limited} (an error response from the flow limiter), {@code /vanish} (half a body, then the connection drops); WebSocket requests get 101 and an echo.
 */
final class TestOrigin {

    final String name;
    final AtomicInteger served = new AtomicInteger();
    final CompletableFuture<Void> gate = new CompletableFuture<>();
    final CompletableFuture<Void> gateReached = new CompletableFuture<>();
    volatile Runnable vanish = () -> {};
    /** Bytes the {@code /download} streams have handed to their stream so far. */
    final java.util.concurrent.atomic.AtomicLong downloaded = new java.util.concurrent.atomic.AtomicLong();
    /** Completes once {@link #downloaded} passes {@link #downloadAlarm}. */
    final CompletableFuture<Long> downloadAlarmed = new CompletableFuture<>();

    volatile long downloadAlarm = Long.MAX_VALUE;

    TestOrigin(String name) {
        this.name = name;
    }

    void serve(IncomingDataStream data) {
        served.incrementAndGet();
        ConnectRequest request = data.request();
        String path = request.dest();
        if (request.type() == ConnectionType.WEBSOCKET) {
            respond(
                            data,
                            "101",
                            List.of(Metadata.header("Upgrade", "websocket"), Metadata.header("Connection", "Upgrade")))
                    .thenRun(() -> data.stream().setInboundHandler(new Echo()));
        } else if (path.startsWith("/hello")) {
            respond(
                            data,
                            "200",
                            List.of(
                                    Metadata.header("Content-Type", "text/plain"),
                                    Metadata.header("Content-Length", "5")))
                    .thenRun(() -> finish(data.stream(), "hello"));
        } else if (path.startsWith("/echo")) {
            respond(data, "200", List.of()).thenRun(() -> data.stream().setInboundHandler(new Echo()));
        } else if (path.startsWith("/digest")) {
            data.stream()
                    .setInboundHandler(new Digest(
                            body -> respond(data, "200", List.of()).thenRun(() -> finish(data.stream(), body))));
        } else if (path.startsWith("/headers")) {
            StringBuilder body = new StringBuilder("dest=" + request.dest() + "\n");
            request.metadata()
                    .forEach(entry -> body.append(entry.key())
                            .append('=')
                            .append(entry.value())
                            .append('\n'));
            respond(data, "200", List.of()).thenRun(() -> finish(data.stream(), body.toString()));
        } else if (path.startsWith("/download")) {
            long bytes = Long.parseLong(path.substring(path.indexOf('=') + 1));
            respond(data, "200", List.of(Metadata.header("Content-Length", Long.toString(bytes))))
                    .thenRun(() -> new Download(data.stream(), bytes, this::downloaded).pump());
        } else if (path.startsWith("/gate")) {
            gateReached.complete(null);
            gate.thenRun(() -> respond(data, "200", List.of()).thenRun(() -> finish(data.stream(), "gate open")));
        } else if (path.startsWith("/never")) {
            data.stream().setInboundHandler((stream, bytes) -> bytes.release());
        } else if (path.startsWith("/fail")) {
            data.respond(new ConnectResponse("dial tcp 127.0.0.1:9: connect: connection refused", List.of()));
        } else if (path.startsWith("/limited")) {
            data.respond(new ConnectResponse(
                    "too many open streams", List.of(new Metadata(Metadata.FLOW_CONNECT_RATE_LIMITED, "true"))));
        } else if (path.startsWith("/vanish")) {
            respond(data, "200", List.of(Metadata.header("Content-Length", "100")))
                    .thenCompose(done -> data.stream().write(TestConnector.bytes("partial")))
                    .thenRun(() -> vanish.run());
        } else {
            respond(data, "404", List.of()).thenRun(() -> finish(data.stream(), ""));
        }
    }

    private void downloaded(int bytes) {
        long total = downloaded.addAndGet(bytes);
        if (total > downloadAlarm) {
            downloadAlarmed.complete(total);
        }
    }

    private CompletableFuture<Void> respond(IncomingDataStream data, String status, List<Metadata> headers) {
        List<Metadata> metadata = new ArrayList<>();
        metadata.add(new Metadata(Metadata.HTTP_STATUS, status));
        metadata.addAll(headers);
        metadata.add(Metadata.header("X-Origin", name));
        return data.respond(new ConnectResponse("", metadata));
    }

    private static void finish(TunnelStream stream, String body) {
        if (!body.isEmpty()) {
            stream.write(TestConnector.bytes(body));
        }
        stream.shutdownOutput();
        stream.setInboundHandler((source, bytes) -> bytes.release());
    }

    /**
     * Reads the whole request body, then answers {@code bytes=N sha256=HEX}: a large upload that needs no reader on
     * the visitor's side while it is sent (an echo of a large body needs a visitor that reads while it writes, or
     * every buffer on the way fills and the exchange stalls, through any proxy).
     */
    private static final class Digest implements StreamInboundHandler {

        private final java.util.function.Consumer<String> answer;

        private final java.security.MessageDigest sha256;

        private long bytes;

        Digest(java.util.function.Consumer<String> answer) {
            this.answer = answer;
            try {
                this.sha256 = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public void onData(TunnelStream stream, ByteBuf data) {
            try {
                bytes += data.readableBytes();
                sha256.update(data.nioBuffer());
            } finally {
                data.release();
            }
        }

        @Override
        public void onInputShutdown(TunnelStream stream) {
            answer.accept(
                    "bytes=" + bytes + " sha256=" + java.util.HexFormat.of().formatHex(sha256.digest()));
        }
    }

    /** Writes the request body back as the response body, with backpressure. */
    private static final class Echo implements StreamInboundHandler {

        @Override
        public void onData(TunnelStream stream, ByteBuf data) {
            stream.write(data);
            if (!stream.isWritable()) {
                stream.setAutoRead(false);
            }
        }

        @Override
        public void onWritabilityChanged(TunnelStream stream) {
            if (stream.isWritable()) {
                stream.setAutoRead(true);
            }
        }

        @Override
        public void onInputShutdown(TunnelStream stream) {
            stream.shutdownOutput();
        }
    }

    /** Streams N bytes, keeping a few writes in flight and writing more as each completes. */
    private static final class Download implements StreamInboundHandler {

        private static final int CHUNK = 64 * 1024;
        private static final int MAX_IN_FLIGHT = 16;
        private final TunnelStream stream;
        private final java.util.function.IntConsumer progress;
        private long remaining;
        private int inFlight;

        Download(TunnelStream stream, long bytes, java.util.function.IntConsumer progress) {
            this.stream = stream;
            this.remaining = bytes;
            this.progress = progress;
            stream.setInboundHandler(this);
        }

        synchronized void pump() {
            while (remaining > 0 && inFlight < MAX_IN_FLIGHT) {
                int size = (int) Math.min(CHUNK, remaining);
                ByteBuf chunk = stream.alloc().buffer(size);
                chunk.writeZero(size);
                remaining -= size;
                inFlight++;
                progress.accept(size);
                stream.write(chunk).whenComplete((done, failure) -> written(failure == null));
            }
            if (remaining == 0 && inFlight == 0) {
                remaining = -1;
                stream.shutdownOutput();
            }
        }

        private void written(boolean success) {
            synchronized (this) {
                inFlight--;
                if (!success) {
                    remaining = -1;
                    return;
                }
            }
            pump();
        }

        @Override
        public void onData(TunnelStream source, ByteBuf data) {
            data.release();
        }
    }
}
