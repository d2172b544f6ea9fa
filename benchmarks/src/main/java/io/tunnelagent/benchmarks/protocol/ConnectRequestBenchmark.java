package io.tunnelagent.benchmarks.protocol;

import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encodes and decodes a data-stream {@code ConnectRequest} carrying 20 HTTP headers (plus method and host), as the
 * connector does for every proxied request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConnectRequestBenchmark {

    private ConnectRequest request;
    private byte[] encoded;

    /** Builds the request and its encoding. */
    @Setup
    public void setUp() {
        List<Metadata> metadata = new ArrayList<>();
        metadata.add(new Metadata(Metadata.HTTP_METHOD, "GET"));
        metadata.add(new Metadata(Metadata.HTTP_HOST, "app.example.com"));
        for (int i = 0; i < 20; i++) {
            metadata.add(Metadata.header("X-Benchmark-Header-" + i, "value-" + i + "-abcdefghijklmnopqrstuvwxyz"));
        }
        request = new ConnectRequest("https://app.example.com/some/path?query=1", ConnectionType.HTTP, metadata);
        encoded = request.encode();
    }

    /**
     * Encodes the request into a framed message.
     *
     * @return the frame
     */
    @Benchmark
    public byte[] encode() {
        return request.encode();
    }

    /**
     * Decodes the framed message into a request.
     *
     * @return the request
     */
    @Benchmark
    public ConnectRequest decode() {
        return ConnectRequest.decode(encoded);
    }
}
