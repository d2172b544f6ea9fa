package io.tunnelagent.protocol.registration;

import static io.tunnelagent.protocol.TestBytes.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpdateLocalConfigurationTests {

    @Test
    void capturedCallCarriesTheLocalConfigurationJson() {
        UpdateLocalConfiguration.Params params = UpdateLocalConfiguration.Params.read(
                RpcEnvelope.callContent(resource("vectors/quic-control-c2s-05-update-local-config-call.bin")));

        assertThat(params.configJson())
                .isEqualTo("{\"__configuration_flags\":{\"loglevel\":\"debug\",\"metrics\":\"127.0.0.1:0\","
                        + "\"no-autoupdate\":\"true\",\"protocol\":\"quic\"},\"ingress\":[{\"hostname\":"
                        + "\"test.example.com\",\"service\":\"http://127.0.0.1:8080\",\"originRequest\":{}},"
                        + "{\"hostname\":\"down.example.com\",\"service\":\"http://127.0.0.1:9\",\"originRequest\":{}},"
                        + "{\"service\":\"http_status:404\",\"originRequest\":{}}],\"warp-routing\":{}}");
    }

    @Test
    void paramsRoundTripAndCompareByContent() {
        UpdateLocalConfiguration.Params params =
                new UpdateLocalConfiguration.Params("{\"ingress\":[]}".getBytes(StandardCharsets.UTF_8));

        UpdateLocalConfiguration.Params decoded = UpdateLocalConfiguration.Params.decode(params.encode());

        assertThat(decoded).isEqualTo(params).hasSameHashCodeAs(params);
        assertThat(decoded.toString()).isEqualTo("UpdateLocalConfiguration.Params[config=14 bytes]");
    }
}
