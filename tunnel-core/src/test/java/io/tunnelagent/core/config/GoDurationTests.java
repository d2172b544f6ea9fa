package io.tunnelagent.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTests {

    @Test
    void parseShouldAcceptGoSyntax() {
        assertThat(GoDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(GoDuration.parse("-1s")).isEqualTo(Duration.ofSeconds(-1));
        assertThat(GoDuration.parse("+2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("-0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("10\u00b5s")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("10\u03bcs")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(GoDuration.parse("1h2m3s4ms5us6ns")).isEqualTo(Duration.ofNanos(3_723_004_005_006L));
        assertThat(GoDuration.parse("2562047h47m16.854775807s")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(GoDuration.parse("9223372036854775807ns")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Test
    void parseShouldRejectWithGoMessages() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse("abc"))
                .withMessage("time: invalid duration \"abc\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse(""))
                .withMessage("time: invalid duration \"\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse("1"))
                .withMessage("time: missing unit in duration \"1\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse("1d"))
                .withMessage("time: unknown unit \"d\" in duration \"1d\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse(".s"))
                .withMessage("time: invalid duration \".s\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse("3000000h"))
                .withMessage("time: invalid duration \"3000000h\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GoDuration.parse("1\u00e9"))
                .withMessage("time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"");
    }

    @Test
    void formatShouldMatchGoDurationString() {
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(Duration.ofHours(24))).isEqualTo("24h0m0s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(GoDuration.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
        assertThat(GoDuration.format(Duration.ofNanos(1_500))).isEqualTo("1.5\u00b5s");
        assertThat(GoDuration.format(Duration.ofNanos(7))).isEqualTo("7ns");
        assertThat(GoDuration.format(Duration.ofSeconds(-61))).isEqualTo("-1m1s");
        assertThat(GoDuration.format(Duration.ofNanos(Long.MAX_VALUE))).isEqualTo("2562047h47m16.854775807s");
    }

    @Test
    void formatThenParseShouldRoundTrip() {
        for (long nanos : new long[] {1, 999, 1_000_001, 59_999_999_999L, 3_600_000_000_001L, -42_000_000L}) {
            Duration duration = Duration.ofNanos(nanos);
            assertThat(GoDuration.parse(GoDuration.format(duration))).isEqualTo(duration);
        }
    }
}
