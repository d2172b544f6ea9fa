package io.tunnelagent.core.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.connector.edge.EdgeResolver;
import io.tunnelagent.core.connector.edge.IpVersion;
import io.tunnelagent.core.connector.protocol.ProtocolMode;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.protocol.credentials.TunnelCredentials;
import io.tunnelagent.protocol.credentials.TunnelSecret;
import io.tunnelagent.transport.TransportProtocol;
import io.tunnelagent.transport.http2.connector.Http2EdgeDialer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The settings the builder hands to the connector: validated once, and never printing the tunnel secret. */
class ConnectorSettingsTests {

    private static final byte[] SECRET = "a-tunnel-secret-of-32-bytes-long".getBytes(StandardCharsets.US_ASCII);

    private final TunnelCredentials credentials =
            new TunnelCredentials("account", TunnelSecret.of(SECRET), UUID.randomUUID(), "");

    @Test
    void buildWithoutADialerSaysToAddOne() {
        assertThatExceptionOfType(ConnectorException.class)
                .isThrownBy(() -> TunnelConnector.builder()
                        .credentials(this.credentials)
                        .dataStreamHandler((stream, rules) -> {})
                        .build())
                .withMessage("No edge dialer: add a QUIC and/or an HTTP/2 dialer");
    }

    @Test
    void retriesOutsideZeroToThirtyAreRefusedWithTheKey() {
        assertThatExceptionOfType(ConnectorException.class)
                .isThrownBy(() -> TunnelConnector.builder().retries(31))
                .withMessage("retries must be between 0 and 30, got 31");
    }

    @Test
    void toStringNeverShowsTheTunnelSecret() throws Exception {
        try (Http2EdgeDialer dialer = Http2EdgeDialer.builder().build()) {
            ConnectorSettings settings = new ConnectorSettings(
                    this.credentials,
                    this.credentials.tunnelId(),
                    IngressRules.compile(List.of(), null),
                    (stream, rules) -> {},
                    Map.of(TransportProtocol.HTTP2, dialer),
                    List.of(),
                    null,
                    EdgeResolver.system(),
                    IpVersion.AUTO,
                    4,
                    ProtocolMode.AUTO,
                    5,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(5),
                    "test",
                    false,
                    (rules) -> "{}",
                    List.of(),
                    Clock.systemUTC(),
                    new Random(),
                    null,
                    null,
                    null);
            assertThat(settings.toString())
                    .contains(String.valueOf(this.credentials.tunnelId()))
                    .doesNotContain(new String(SECRET, StandardCharsets.US_ASCII))
                    .doesNotContain(Base64.getEncoder().encodeToString(SECRET));
        }
    }
}
