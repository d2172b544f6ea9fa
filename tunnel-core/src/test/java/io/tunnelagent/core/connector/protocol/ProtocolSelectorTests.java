package io.tunnelagent.core.connector.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.connector.ConnectorException;
import io.tunnelagent.core.testing.SteppingClock;
import io.tunnelagent.transport.TransportProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProtocolSelectorTests {

    private final SteppingClock clock = new SteppingClock();

    @Test
    void autoStartsWithQuic() {
        assertThat(selector(ProtocolMode.AUTO).current()).isEqualTo(TransportProtocol.QUIC);
    }

    @Test
    void autoFallsBackToHttp2WhenTheRetriesReachTheLimit() {
        ProtocolSelector selector = selector(ProtocolMode.AUTO);
        assertThat(selector.afterFailure(TransportProtocol.QUIC, false, false)).isEmpty();
        assertThat(selector.afterFailure(TransportProtocol.QUIC, true, false)).contains(TransportProtocol.HTTP2);
        assertThat(selector.current()).isEqualTo(TransportProtocol.HTTP2);
    }

    @Test
    void autoFallsBackAtOnceWhenQuicIsBroken() {
        ProtocolSelector selector = selector(ProtocolMode.AUTO);
        assertThat(selector.afterFailure(TransportProtocol.QUIC, false, true)).contains(TransportProtocol.HTTP2);
    }

    @Test
    void noFallbackOnceAConnectionRegisteredOverQuic() {
        ProtocolSelector selector = selector(ProtocolMode.AUTO);
        selector.connected(TransportProtocol.QUIC);
        assertThat(selector.afterFailure(TransportProtocol.QUIC, true, true)).isEmpty();
        assertThat(selector.current()).isEqualTo(TransportProtocol.QUIC);
    }

    @Test
    void staticModesNeverFallBack() {
        ProtocolSelector quic = selector(ProtocolMode.QUIC);
        assertThat(quic.afterFailure(TransportProtocol.QUIC, true, true)).isEmpty();
        ProtocolSelector http2 = selector(ProtocolMode.HTTP2);
        assertThat(http2.current()).isEqualTo(TransportProtocol.HTTP2);
        assertThat(http2.afterFailure(TransportProtocol.HTTP2, true, false)).isEmpty();
    }

    @Test
    void reprobeIsDueOnlyAfterTheIntervalOnTheFallback() {
        ProtocolSelector selector = selector(ProtocolMode.AUTO);
        assertThat(selector.reprobeDue()).isFalse();
        selector.afterFailure(TransportProtocol.QUIC, true, false);
        assertThat(selector.reprobeDue()).isFalse();
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(selector.reprobeDue()).isTrue();
    }

    @Test
    void failedProbeWaitsAnotherInterval() {
        ProtocolSelector selector = selector(ProtocolMode.AUTO);
        selector.afterFailure(TransportProtocol.QUIC, true, false);
        this.clock.advance(Duration.ofMinutes(5));
        selector.probeFailed();
        assertThat(selector.reprobeDue()).isFalse();
        this.clock.advance(Duration.ofMinutes(5));
        assertThat(selector.reprobeDue()).isTrue();
    }

    @Test
    void successfulProbeMovesBackToQuicAndAllowsAnotherFallback() {
        ProtocolSelector selector = selector(ProtocolMode.AUTO);
        selector.connected(TransportProtocol.HTTP2);
        selector.afterFailure(TransportProtocol.QUIC, true, false);
        selector.probeSucceeded();
        assertThat(selector.current()).isEqualTo(TransportProtocol.QUIC);
        assertThat(selector.reprobeDue()).isFalse();
        assertThat(selector.afterFailure(TransportProtocol.QUIC, false, true)).contains(TransportProtocol.HTTP2);
    }

    @Test
    void zeroIntervalDisablesTheReprobe() {
        ProtocolSelector selector = new ProtocolSelector(ProtocolMode.AUTO, this.clock, Duration.ZERO);
        selector.afterFailure(TransportProtocol.QUIC, true, false);
        this.clock.advance(Duration.ofDays(1));
        assertThat(selector.reprobeDue()).isFalse();
    }

    @Test
    void parseAcceptsCloudflaredValuesAndMapsH2muxToHttp2() {
        assertThat(ProtocolMode.parse("auto")).isEqualTo(ProtocolMode.AUTO);
        assertThat(ProtocolMode.parse("QUIC")).isEqualTo(ProtocolMode.QUIC);
        assertThat(ProtocolMode.parse("h2mux")).isEqualTo(ProtocolMode.HTTP2);
        assertThatExceptionOfType(ConnectorException.class)
                .isThrownBy(() -> ProtocolMode.parse("udp"))
                .withMessageStartingWith("unknown protocol udp, Available protocols: 'auto'");
    }

    private ProtocolSelector selector(ProtocolMode mode) {
        return new ProtocolSelector(mode, this.clock, Duration.ofMinutes(5));
    }
}
