package io.tunnelagent.core.connector.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The leak watch itself: it must see what it is meant to catch, or the leak test proves nothing. */
class LeakWatchTests {

    @Test
    void leakDetectionIsParanoidInTests() {
        assertThat(LeakWatch.level()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void aBufferNeverReleasedIsReported() {
        try (LeakWatch watch = LeakWatch.start()) {
            leakOneBuffer();

            assertThat(watch.leaks()).isNotEmpty();
        }
    }

    @Test
    void aThreadStillRunningIsReported() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (LeakWatch watch = LeakWatch.start()) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            release.await();
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "left-running");
            thread.start();

            assertThat(watch.threadsStillAlive(Duration.ofMillis(50))).containsExactly("left-running");
            release.countDown();
            assertThat(watch.threadsStillAlive(Duration.ofSeconds(5))).isEmpty();
        }
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(16);
        leaked.writeInt(42);
    }
}
