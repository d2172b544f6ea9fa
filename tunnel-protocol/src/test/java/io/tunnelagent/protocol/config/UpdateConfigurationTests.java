package io.tunnelagent.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.capnp.MessageBuilder;
import io.tunnelagent.protocol.capnp.MessageReader;
import io.tunnelagent.protocol.capnp.StructReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpdateConfigurationTests {

    @Test
    void paramsRoundTripWithVersionAtBits0To32() {
        UpdateConfiguration.Params params = new UpdateConfiguration.Params(
                7, "{\"ingress\":[{\"service\":\"http_status:503\"}]}".getBytes(StandardCharsets.UTF_8));

        byte[] frame = params.encode();
        StructReader root = MessageReader.decode(frame).root();

        assertThat(UpdateConfiguration.Params.decode(frame)).isEqualTo(params);
        assertThat(root.getInt(0)).isEqualTo(7);
        assertThat(params.configJson()).startsWith("{\"ingress\"");
        assertThat(params.toString()).isEqualTo("UpdateConfiguration.Params[version=7, config=43 bytes]");
    }

    @Test
    void resultsRoundTripWithAndWithoutError() {
        UpdateConfiguration.Results applied = new UpdateConfiguration.Results(new UpdateConfigurationResponse(7, ""));
        UpdateConfiguration.Results refused =
                new UpdateConfiguration.Results(new UpdateConfigurationResponse(-1, "invalid ingress rule"));

        assertThat(UpdateConfiguration.Results.decode(applied.encode())).isEqualTo(applied);
        assertThat(UpdateConfiguration.Results.decode(refused.encode())).isEqualTo(refused);
    }

    @Test
    void emptyResultsReadAsVersionZeroWithoutError() {
        assertThat(UpdateConfiguration.Results.decode(new MessageBuilder().toFramedBytes())
                        .result())
                .isEqualTo(new UpdateConfigurationResponse(0, ""));
    }
}
