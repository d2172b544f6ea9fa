package io.tunnelagent.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFlagsTests {

    @Test
    void reportedFlagsShouldKeepOnlyCloudflaredsListSortedAsStrings() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("protocol", "quic");
        values.put("no-autoupdate", true);
        values.put("metrics", "127.0.0.1:0");
        values.put("loglevel", "debug");
        values.put("autoupdate-freq", "24h");
        values.put("metrics-update-freq", Duration.ofSeconds(5));
        values.put("retries", 5L);
        values.put("edge-ip-version", "");
        values.put("token", "secret-token");
        values.put("grace-period", "3s");

        assertThat(ConfigFlags.of(values).reportedFlags())
                .containsExactly(
                        Map.entry("autoupdate-freq", "24h0m0s"),
                        Map.entry("loglevel", "debug"),
                        Map.entry("metrics", "127.0.0.1:0"),
                        Map.entry("metrics-update-freq", "5s"),
                        Map.entry("no-autoupdate", "true"),
                        Map.entry("protocol", "quic"),
                        Map.entry("retries", "5"));
    }

    @Test
    void withOverridesShouldPreferTheOverridingValues() {
        ConfigFlags file = ConfigFlags.of(Map.of("protocol", "http2", "loglevel", "info"));
        ConfigFlags merged = file.withOverrides(ConfigFlags.of(Map.of("protocol", "quic")));
        assertThat(merged.string("protocol")).contains("quic");
        assertThat(merged.string("loglevel")).contains("info");
    }

    @Test
    void toStringAndErrorsShouldNeverShowSecretValues() {
        ConfigFlags flags = ConfigFlags.of(Map.of("token", "c2VjcmV0LXRva2Vu", "credentials-contents", 42L));
        assertThat(flags.toString()).doesNotContain("c2VjcmV0LXRva2Vu");
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> flags.string("credentials-contents"))
                .withMessage("credentials-contents: expected a string (value hidden)");
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> flags.integer("token"))
                .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("c2VjcmV0LXRva2Vu"));
    }

    @Test
    void durationShouldRejectNonGoDurations() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> ConfigFlags.of(Map.of("grace-period", "30")).duration("grace-period"))
                .withMessage("grace-period: expected a duration like 30s, got '30'");
    }
}
