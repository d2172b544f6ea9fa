package io.tunnelagent.core.connector.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.testing.SteppingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final SteppingClock clock = new SteppingClock();

    /** Returns the largest value below the bound, so every delay shows its cap. */
    private final RandomGenerator maxRandom = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void delaysAreCappedAtTwoFourEightSixteenThirtyTwoSecondsThenStayAtThirtyTwo() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 5, true, this.clock, this.maxRandom);
        List<Long> capsInSeconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            capsInSeconds.add((backoff.nextDelay().toNanos() + 1) / 1_000_000_000L);
        }
        assertThat(capsInSeconds).containsExactly(2L, 4L, 8L, 16L, 32L, 32L, 32L, 32L);
        assertThat(backoff.retries()).isEqualTo(5);
        assertThat(backoff.reachedMaxRetries()).isTrue();
    }

    @Test
    void delayIsUniformlyRandomBelowTheCap() {
        List<Long> bounds = new ArrayList<>();
        RandomGenerator recording = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                bounds.add(bound);
                return 0;
            }
        };
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 5, true, this.clock, recording);
        assertThat(backoff.nextDelay()).isEqualTo(Duration.ZERO);
        assertThat(bounds).containsExactly(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void resetAfterSuccessStartsAgainAtTheFirstCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 5, true, this.clock, this.maxRandom);
        backoff.nextDelay();
        backoff.nextDelay();
        backoff.nextDelay();
        backoff.reset();
        assertThat(backoff.retries()).isZero();
        assertThat(backoff.nextDelay()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void withoutRetryForeverRetriesEndAtTheLimit() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 2, false, this.clock, this.maxRandom);
        assertThat(backoff.nextDelay()).isNotNull();
        assertThat(backoff.nextDelay()).isNotNull();
        assertThat(backoff.nextDelay()).isNull();
    }

    @Test
    void gracePeriodResetsTheCountWhenNoFailureFollows() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), 5, true, this.clock, this.maxRandom);
        backoff.nextDelay();
        backoff.nextDelay();
        Duration grace = backoff.startGracePeriod();
        assertThat(grace).isLessThan(Duration.ofSeconds(160));
        assertThat(backoff.retries()).isEqualTo(2);
        this.clock.advance(grace.plusSeconds(1));
        assertThat(backoff.retries()).isZero();
    }

    @Test
    void maxNextDelayIsWhatCloudflaredLogsBeforeRetrying() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 5, true, this.clock, this.maxRandom);
        assertThat(backoff.maxNextDelay()).isEqualTo(Duration.ofSeconds(2));
        backoff.nextDelay();
        assertThat(backoff.maxNextDelay()).isEqualTo(Duration.ofSeconds(4));
    }
}
