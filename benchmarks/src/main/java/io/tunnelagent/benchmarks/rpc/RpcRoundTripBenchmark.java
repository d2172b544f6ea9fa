package io.tunnelagent.benchmarks.rpc;

import io.tunnelagent.protocol.rpc.RemoteCapability;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.rpc.message.MessageCodec;
import io.tunnelagent.protocol.rpc.message.MessageTarget;
import io.tunnelagent.protocol.rpc.message.Payload;
import io.tunnelagent.protocol.rpc.message.RpcMessage;
import io.tunnelagent.protocol.rpc.transport.InMemoryPipe;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One small call and its Return over an in-memory pipe (two RPC connections, one delivery thread per direction),
 * plus the codec cost of the Call message alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RpcRoundTripBenchmark {

    private static final long INTERFACE = 0xf71695ec7fe85497L;

    private ScheduledExecutorService scheduler;

    private RpcConnection server;

    private RpcConnection client;

    private RemoteCapability capability;

    private ByteBuffer callFrame;

    /** Connects a client and a server over an in-memory pipe and bootstraps. */
    @Setup(Level.Trial)
    public void connect() {
        this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "rpc-bench-timer"));
        InMemoryPipe pipe = InMemoryPipe.create("bench", (task) -> daemon(task, "rpc-bench-pipe"));
        this.server = RpcConnection.builder("bench-server")
                .scheduler(this.scheduler)
                .bootstrap((interfaceId, methodId, params) -> CompletableFuture.completedFuture(Content.empty()))
                .build(pipe.left());
        pipe.left().start(this.server);
        this.client =
                RpcConnection.builder("bench-client").scheduler(this.scheduler).build(pipe.right());
        pipe.right().start(this.client);
        this.capability = this.client.bootstrap();
        this.capability.call(INTERFACE, 1, Content.empty()).join();
        this.callFrame = MessageCodec.encode(new RpcMessage.Call(
                1, new MessageTarget.PromisedAnswer(0, List.of()), INTERFACE, 1, Payload.of(Content.empty())));
    }

    /** Closes both connections. */
    @TearDown(Level.Trial)
    public void close() {
        this.client.close().join();
        this.server.closeFuture().join();
        this.scheduler.shutdownNow();
    }

    /**
     * A parameterless call and its empty Return, end to end.
     *
     * @return the results
     */
    @Benchmark
    public Content roundTrip() {
        return this.capability.call(INTERFACE, 1, Content.empty()).join();
    }

    /**
     * Encoding and decoding the same Call message, without the engine.
     *
     * @return the decoded message
     */
    @Benchmark
    public RpcMessage codecOnly() {
        ByteBuffer encoded = MessageCodec.encode(MessageCodec.decode(this.callFrame.duplicate()));
        return MessageCodec.decode(encoded);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
