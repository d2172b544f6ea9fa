package io.tunnelagent.protocol.rpc.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.rpc.RemoteCapability;
import io.tunnelagent.protocol.rpc.RpcConnection;
import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.message.Content;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RPC over blocking socket streams on loopback, with reader threads that end when the connection does. */
class StreamTransportTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private final ThreadFactory threadFactory = (task) -> {
        Thread thread = new Thread(task, "rpc-reader-" + this.threads.size());
        thread.setDaemon(true);
        this.threads.add(thread);
        return thread;
    };

    @AfterEach
    void stopScheduler() throws InterruptedException {
        this.scheduler.shutdownNow();
        assertThat(this.scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void callsTravelOverSocketsAndCloseEndsBothReaderThreads() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket clientSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket serverSocket = listener.accept()) {
            RpcConnection server = connect("server", serverSocket, true);
            RpcConnection client = connect("client", clientSocket, false);
            RemoteCapability capability = client.bootstrap();
            assertThat(capability.call(1, 0, Content.empty()))
                    .succeedsWithin(WAIT)
                    .isEqualTo(Content.empty());
            assertThat(client.close()).succeedsWithin(WAIT);
            assertThat(server.closeFuture()).succeedsWithin(WAIT);
            assertThreadsEnded();
        }
    }

    @Test
    void socketResetFailsPendingCallsPromptly() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket clientSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            Socket serverSocket = listener.accept();
            RpcConnection client = connect("client", clientSocket, false);
            CompletableFuture<Content> call = client.bootstrap().call(1, 0, Content.empty(), Duration.ofMinutes(1));
            serverSocket.setSoLinger(true, 0);
            serverSocket.close();
            assertThat(call)
                    .failsWithin(WAIT)
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOfSatisfying(RpcException.class, (ex) -> {
                        assertThat(ex.kind()).isEqualTo(RpcException.Kind.DISCONNECTED);
                        assertThat(ex.getMessage()).startsWith("RPC connection closed: ");
                    });
            assertThat(client.closeFuture()).succeedsWithin(WAIT);
            assertThreadsEnded();
            assertThat(this.scheduler.getQueue()).isEmpty();
        }
    }

    private RpcConnection connect(String name, Socket socket, boolean serve) throws IOException {
        this.scheduler.setRemoveOnCancelPolicy(true);
        StreamTransport transport =
                new StreamTransport(name, socket.getInputStream(), socket.getOutputStream(), this.threadFactory);
        RpcConnection.Builder builder = RpcConnection.builder(name).scheduler(this.scheduler);
        if (serve) {
            builder.bootstrap((interfaceId, methodId, params) -> CompletableFuture.completedFuture(Content.empty()));
        }
        RpcConnection connection = builder.build(transport);
        transport.start(connection);
        return connection;
    }

    private void assertThreadsEnded() throws InterruptedException {
        for (Thread thread : this.threads) {
            thread.join(WAIT.toMillis());
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }
    }
}
