package io.tunnelagent.transport.quic.kwik;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.kwik.core.QuicStream;
import tech.kwik.core.stream.SendBuffer;

/**
 * The stall nudge of {@link KwikTunnelStream}: an empty write that lands after a write's last bytes keeps Kwik from
 * ever sending the FIN queued behind it, so the nudge may only write while the writer waits for room in Kwik's send
 * buffer. Each test holds the writer at a chosen point to fix the order.
 */
class KwikTunnelStreamNudgeTests {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Thread> writerThread = new CompletableFuture<>();
    private final List<Integer> writeSizes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    @Test
    void writeThatIsSlowAfterQueueingItsBytesIsNotNudged() throws Exception {
        KwikTunnelStream stream = new KwikTunnelStream(new FakeStream(new SlowOutput()), pool, null);

        CompletableFuture<Void> written = stream.write(Unpooled.wrappedBuffer(new byte[9]));
        awaitWaiting(writerThread.get(10, TimeUnit.SECONDS));
        stream.nudgeIfBlocked(0);
        release.countDown();
        written.get(10, TimeUnit.SECONDS);

        assertThat(writeSizes).containsExactly(9);
    }

    @Test
    void writeWaitingForRoomInKwiksSendBufferIsNudged() throws Exception {
        SendBuffer buffer = new SendBuffer(4);
        KwikTunnelStream stream = new KwikTunnelStream(new FakeStream(new SendBufferOutput(buffer)), pool, null);

        CompletableFuture<Void> written = stream.write(Unpooled.wrappedBuffer(new byte[9]));
        awaitWaiting(writerThread.get(10, TimeUnit.SECONDS));
        stream.nudgeIfBlocked(0);
        buffer.interruptBlockedWriter();

        assertThat(written).failsWithin(10, TimeUnit.SECONDS);
        assertThat(writeSizes).containsExactly(9, 0);
    }

    /** Waits until the writer is parked (where depends on the test). */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!parked(thread) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertThat(parked(thread)).isTrue();
    }

    private static boolean parked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** Queues the bytes, then is slow to return (as a write is on a loaded machine). */
    private final class SlowOutput extends OutputStream {

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            writeSizes.add(length);
            if (length > 0) {
                writerThread.complete(Thread.currentThread());
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Writes into a real Kwik send buffer, which blocks while it has no room. */
    private final class SendBufferOutput extends OutputStream {

        private final SendBuffer buffer;

        SendBufferOutput(SendBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            writeSizes.add(length);
            if (length > 0) {
                writerThread.complete(Thread.currentThread());
            }
            try {
                buffer.write(data, offset, length);
            } catch (InterruptedException ex) {
                throw new IOException("interrupted", ex);
            }
        }
    }

    private record FakeStream(OutputStream output) implements QuicStream {

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public OutputStream getOutputStream() {
            return output;
        }

        @Override
        public int getStreamId() {
            return 4;
        }

        @Override
        public boolean isUnidirectional() {
            return false;
        }

        @Override
        public boolean isClientInitiatedBidirectional() {
            return true;
        }

        @Override
        public boolean isServerInitiatedBidirectional() {
            return false;
        }

        @Override
        public void abortReading(long applicationProtocolErrorCode) {}

        @Override
        public void resetStream(long applicationProtocolErrorCode) {}
    }
}
