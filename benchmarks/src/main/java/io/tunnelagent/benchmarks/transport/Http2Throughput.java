package io.tunnelagent.benchmarks.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslProvider;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.http2.channel.Http2Options;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import io.tunnelagent.transport.http2.edge.Http2EdgeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 transport throughput on loopback: an edge and a connector in one JVM (one event loop thread each), N
 * concurrent streams, each moving its share of the total in both directions at once (edge to connector as the
 * request body, connector to edge as the response body). Prints MB/s per direction. Bounded by a time limit.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tunnelagent.benchmarks.transport.Http2Throughput \
 *     [streams=1] [totalMiB=256] [provider=OPENSSL|JDK] [windowKiB=1024] [consolidate=true] [chunkKiB=64]
 * </pre>
 */
public final class Http2Throughput {

    private static final long TIME_LIMIT_SECONDS = 180;

    private Http2Throughput() {}

    /**
     * Runs one measurement.
     *
     * @param args {@code key=value} settings, see the class comment
     * @throws Exception if the run fails or exceeds the time limit
     */
    public static void main(String[] args) throws Exception {
        int streams = intArg(args, "streams", 1);
        long totalBytes = intArg(args, "totalMiB", 256) * (1L << 20);
        SslProvider provider = SslProvider.valueOf(stringArg(args, "provider", "OPENSSL"));
        int window = intArg(args, "windowKiB", 1024) * 1024;
        boolean consolidate = Boolean.parseBoolean(stringArg(args, "consolidate", "true"));
        int chunkSize = intArg(args, "chunkKiB", 64) * 1024;
        Http2Options options =
                Http2Options.defaults().withWindows(window, window).withFlushConsolidation(consolidate);

        BenchmarkPki pki = BenchmarkPki.create();
        EventLoopGroup edgeLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup connectorLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<TunnelConnection> edgeSide = new CompletableFuture<>();
        try (Http2EdgeListener listener = Http2EdgeListener.builder()
                        .certificate(pki.certificate(), provider)
                        .options(options)
                        .eventLoopGroup(edgeLoop)
                        .bind();
                Http2EdgeDialer dialer = Http2EdgeDialer.builder()
                        .trust(pki.trust())
                        .options(options)
                        .sslProvider(provider)
                        .eventLoopGroup(connectorLoop)
                        .build()) {
            listener.setConnectionHandler(edgeSide::complete);
            TunnelConnection connector = dialer.dial(listener.localAddress()).get(15, TimeUnit.SECONDS);
            long perStream = totalBytes / streams;
            List<Pump> connectorPumps = new ArrayList<>();
            connector.setIncomingStreamHandler(incoming -> {
                IncomingDataStream data = (IncomingDataStream) incoming;
                data.respond(new ConnectResponse("", List.of(new Metadata(Metadata.HTTP_STATUS, "200"))));
                synchronized (connectorPumps) {
                    Pump pump = new Pump(data.stream(), perStream, chunkSize);
                    connectorPumps.add(pump);
                    pump.start();
                }
            });
            TunnelConnection edge = edgeSide.get(15, TimeUnit.SECONDS);

            long start = System.nanoTime();
            List<Pump> edgePumps = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                OutgoingDataStream stream = edge.openDataStream(request(i)).get(15, TimeUnit.SECONDS);
                Pump pump = new Pump(stream.stream(), perStream, chunkSize);
                edgePumps.add(pump);
                pump.start();
            }
            long uploaded = 0;
            long downloaded = 0;
            long deadline = start + TimeUnit.SECONDS.toNanos(TIME_LIMIT_SECONDS);
            for (Pump pump : edgePumps) {
                downloaded += pump.received.get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
            long downloadNanos = System.nanoTime() - start;
            while (connectorPumps.size() < streams) {
                Thread.onSpinWait();
            }
            for (Pump pump : List.copyOf(connectorPumps)) {
                uploaded += pump.received.get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
            long uploadNanos = System.nanoTime() - start;
            System.out.printf(
                    "HTTP/2 streams=%d total=%d MiB each way provider=%s window=%d KiB consolidate=%s chunk=%d KiB:"
                            + " upload %.1f MB/s, download %.1f MB/s (%.2f s)%n",
                    streams,
                    totalBytes >> 20,
                    provider,
                    window / 1024,
                    consolidate,
                    chunkSize / 1024,
                    mbPerSecond(uploaded, uploadNanos),
                    mbPerSecond(downloaded, downloadNanos),
                    Math.max(uploadNanos, downloadNanos) / 1e9);
            if (uploaded != perStream * streams || downloaded != perStream * streams) {
                throw new IllegalStateException("Byte counts differ: up " + uploaded + ", down " + downloaded);
            }
            connector.close(0, "benchmark done").get(10, TimeUnit.SECONDS);
        } finally {
            edgeLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            connectorLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static ConnectRequest request(int index) {
        return new ConnectRequest(
                "/bulk/" + index,
                ConnectionType.HTTP,
                List.of(
                        new Metadata(Metadata.HTTP_METHOD, "POST"),
                        new Metadata(Metadata.HTTP_HOST, "bench.example.com"),
                        Metadata.header("Transfer-Encoding", "chunked")));
    }

    private static long remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IllegalStateException("Run exceeded " + TIME_LIMIT_SECONDS + " s");
        }
        return left;
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static int intArg(String[] args, String key, int fallback) {
        return Integer.parseInt(stringArg(args, key, String.valueOf(fallback)));
    }

    private static String stringArg(String[] args, String key, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(key + "=")) {
                return arg.substring(key.length() + 1);
            }
        }
        return fallback;
    }
}
