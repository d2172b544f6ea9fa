package io.tunnelagent.benchmarks.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.transport.EdgeDialer;
import io.tunnelagent.transport.EdgeListener;
import io.tunnelagent.transport.IncomingDataStream;
import io.tunnelagent.transport.OutgoingDataStream;
import io.tunnelagent.transport.TunnelConnection;
import io.tunnelagent.transport.quic.QuicImplementation;
import io.tunnelagent.transport.quic.QuicSettings;
import io.tunnelagent.transport.quic.QuicTransports;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * QUIC throughput over loopback: a Netty QUIC edge opens {@code streams} data streams to a Netty QUIC or Kwik
 * connector and both sides send {@code MiB} in total each way at once (split over the streams), then FIN. Prints MB/s
 * each way. Bounded: gives up after {@code limitSeconds} and reports a stall.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.tunnelagent.benchmarks.transport.QuicThroughput
 * netty|kwik streams MiB [limitSeconds]}; system properties {@code quic.connectionWindowMiB},
 * {@code quic.streamWindowMiB}, {@code quic.udpPayload}, {@code quic.socketBuffer} override the settings.
 */
public final class QuicThroughput {

    private QuicThroughput() {}

    /**
     * Runs one measurement.
     *
     * @param args implementation, streams, MiB each way, time limit in seconds
     * @throws Exception if setup fails
     */
    public static void main(String[] args) throws Exception {
        QuicImplementation implementation = QuicImplementation.valueOf(args[0].toUpperCase(Locale.ROOT));
        int streams = Integer.parseInt(args[1]);
        long totalBytes = Long.parseLong(args[2]) * 1024 * 1024;
        long limitSeconds = args.length > 3 ? Long.parseLong(args[3]) : 120;
        QuicSettings connectorSettings = tuned(QuicSettings.connector());
        QuicSettings edgeSettings = tuned(QuicSettings.edge());
        System.out.printf(
                Locale.ROOT,
                "%s, %d stream(s), %d MiB each way, settings %s%n",
                implementation,
                streams,
                totalBytes >> 20,
                connectorSettings);

        BenchmarkPki pki = BenchmarkPki.create();
        EventLoopGroup edgeLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup connectorLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        BlockingQueue<TunnelConnection> accepted = new LinkedBlockingQueue<>();
        EdgeListener listener = QuicTransports.listener(
                new InetSocketAddress("127.0.0.1", 0), pki.certificate(), edgeSettings, edgeLoop);
        listener.setConnectionHandler(accepted::add);
        EdgeDialer dialer = QuicTransports.dialer(implementation, pki.trust(), connectorSettings, connectorLoop);
        try {
            TunnelConnection connector = dialer.dial(listener.localAddress()).get(10, TimeUnit.SECONDS);
            TunnelConnection edge = accepted.poll(10, TimeUnit.SECONDS);
            long perStream = totalBytes / streams;
            List<Pump> pumps = new ArrayList<>();
            connector.setIncomingStreamHandler(incoming -> {
                IncomingDataStream data = (IncomingDataStream) incoming;
                data.respond(new ConnectResponse("", List.of()));
                Pump pump = new Pump(data.stream(), perStream);
                synchronized (pumps) {
                    pumps.add(pump);
                }
                pump.start();
            });
            long start = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                OutgoingDataStream opened = edge.openDataStream(
                                new ConnectRequest("/bench/" + i, ConnectionType.TCP, List.of()))
                        .get(10, TimeUnit.SECONDS);
                Pump pump = new Pump(opened.stream(), perStream);
                synchronized (pumps) {
                    pumps.add(pump);
                }
                pump.start();
            }
            boolean complete = awaitAll(pumps, streams * 2, limitSeconds);
            double seconds = (System.nanoTime() - start) / 1e9;
            long receivedBytes = 0;
            synchronized (pumps) {
                for (Pump pump : pumps) {
                    receivedBytes += pump.receivedSoFar();
                }
            }
            // both directions run at once: the rate each way is half of what arrived in total
            double eachWayMegabytesPerSecond = receivedBytes / 2.0 / seconds / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT %s streams=%d MiB=%d %s seconds=%.2f each-way=%.1f MB/s (received %d of %d bytes)%n",
                    implementation,
                    streams,
                    totalBytes >> 20,
                    complete ? "complete" : "STALLED/TIMEOUT",
                    seconds,
                    eachWayMegabytesPerSecond,
                    receivedBytes,
                    2 * perStream * streams);
            connector.close(0, "").get(10, TimeUnit.SECONDS);
        } finally {
            dialer.close();
            listener.close();
            edgeLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            connectorLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static boolean awaitAll(List<Pump> pumps, int expected, long limitSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        while (true) {
            List<CompletableFuture<?>> all = new ArrayList<>();
            synchronized (pumps) {
                for (Pump pump : pumps) {
                    all.add(pump.sent);
                    all.add(pump.received);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException ex) {
                return false;
            }
            if (all.size() == expected * 2) {
                return true;
            }
        }
    }

    private static QuicSettings tuned(QuicSettings settings) {
        long mib = 1024 * 1024;
        QuicSettings result = settings.withWindows(
                Long.getLong("quic.connectionWindowMiB", settings.connectionWindow() / mib) * mib,
                Long.getLong("quic.streamWindowMiB", settings.streamWindow() / mib) * mib);
        return result.withUdp(
                Integer.getInteger("quic.udpPayload", settings.maxUdpPayloadSize()),
                Integer.getInteger("quic.socketBuffer", settings.socketBufferSize()));
    }
}
