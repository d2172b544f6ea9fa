package io.tunnelagent.transport.http2.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelagent.transport.TransportException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SerializedHeadersTests {

    private static final String CAPTURED =
            "Q29udGVudC1UeXBl:dGV4dC9wbGFpbjsgY2hhcnNldD11dGYtOA;Q29udGVudC1MZW5ndGg:MTM;WC1Hb2xkZW4:MQ";

    private static final List<Map.Entry<String, String>> CAPTURED_HEADERS = List.of(
            Map.entry("Content-Type", "text/plain; charset=utf-8"),
            Map.entry("Content-Length", "13"),
            Map.entry("X-Golden", "1"));

    @Test
    void deserializeReadsTheValueCloudflaredSent() {
        assertThat(SerializedHeaders.deserialize(CAPTURED)).containsExactlyElementsOf(CAPTURED_HEADERS);
    }

    @Test
    void serializeWritesUnpaddedBase64PairsJoinedBySemicolons() {
        assertThat(SerializedHeaders.serialize(CAPTURED_HEADERS)).isEqualTo(CAPTURED);
    }

    @Test
    void emptyHeaderSetSerializesToTheEmptyString() {
        assertThat(SerializedHeaders.serialize(List.of())).isEmpty();
        assertThat(SerializedHeaders.deserialize("")).isEmpty();
    }

    @Test
    void deserializeSkipsEmptyParts() {
        assertThat(SerializedHeaders.deserialize(";WC1Hb2xkZW4:MQ;;")).containsExactly(Map.entry("X-Golden", "1"));
    }

    @Test
    void multiValuedAndUnicodeHeadersRoundTrip() {
        List<Map.Entry<String, String>> headers =
                List.of(Map.entry("Set-Cookie", "a=1"), Map.entry("Set-Cookie", "b=2"), Map.entry("X-Name", "Zoë;:"));

        assertThat(SerializedHeaders.deserialize(SerializedHeaders.serialize(headers)))
                .containsExactlyElementsOf(headers);
    }

    @Test
    void partWithoutExactlyOneColonIsRejected() {
        assertThatThrownBy(() -> SerializedHeaders.deserialize("WC1Hb2xkZW4"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("Unable to deserialize headers");
        assertThatThrownBy(() -> SerializedHeaders.deserialize("a:b:c")).isInstanceOf(TransportException.class);
    }

    @Test
    void invalidBase64IsRejected() {
        assertThatThrownBy(() -> SerializedHeaders.deserialize("!!!:MQ"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("base64");
    }
}
