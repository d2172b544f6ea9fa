package io.tunnelagent.transport.http2.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelagent.transport.TransportException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfigurationJsonTests {

    @Test
    void updateKeepsTheConfigObjectAsRawJson() {
        String config =
                "{\"ingress\":[{\"hostname\":\"a\\\"b\",\"service\":\"http://x\"},{\"service\":\"http_status:404\"}],"
                        + "\"warp-routing\":{\"enabled\":false}}";
        byte[] body = ("{ \"version\" : 12 , \"config\" : " + config + " }").getBytes(StandardCharsets.UTF_8);

        ConfigurationJson.Update update = ConfigurationJson.decodeUpdate(body);

        assertThat(update.version()).isEqualTo(12);
        assertThat(new String(update.config(), StandardCharsets.UTF_8)).isEqualTo(config);
    }

    @Test
    void encodedUpdateDecodesToTheSameVersionAndConfig() {
        byte[] config = "{\"a\":[1,2,{\"b\":null}]}".getBytes(StandardCharsets.UTF_8);

        ConfigurationJson.Update update = ConfigurationJson.decodeUpdate(ConfigurationJson.encodeUpdate(3, config));

        assertThat(update.version()).isEqualTo(3);
        assertThat(update.config()).isEqualTo(config);
    }

    @Test
    void appliedAnswerHasANullError() {
        byte[] answer = ConfigurationJson.encodeAnswer(5, null);

        assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("{\"lastAppliedVersion\":5,\"err\":null}");
        assertThat(ConfigurationJson.decodeAnswer(answer)).isEqualTo(new ConfigurationJson.Answer(5, null));
    }

    @Test
    void refusedAnswerCarriesTheMessage() {
        byte[] answer = ConfigurationJson.encodeAnswer(4, "bad \"rule\"\n");

        assertThat(ConfigurationJson.decodeAnswer(answer)).isEqualTo(new ConfigurationJson.Answer(4, "bad \"rule\"\n"));
    }

    @Test
    void cloudflaredsEmptyErrorObjectReadsAsARefusal() {
        byte[] answer = "{\"lastAppliedVersion\":2,\"err\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(ConfigurationJson.decodeAnswer(answer).error()).isNotNull();
    }

    @Test
    void malformedBodiesAreRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> ConfigurationJson.decodeUpdate("{\"version\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("{\"version\":<int>,\"config\":{...}}");
        assertThatThrownBy(() -> ConfigurationJson.decodeUpdate("{\"version\":1,".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> ConfigurationJson.decodeUpdate(
                        "{\"version\":\"x\",\"config\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("int32");
    }

    @Test
    void deeplyNestedConfigIsRejected() {
        String nested = "[".repeat(100) + "]".repeat(100);
        byte[] body = ("{\"version\":1,\"config\":" + nested + "}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ConfigurationJson.decodeUpdate(body))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("nested");
    }
}
