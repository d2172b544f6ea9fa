package io.tunnelagent.core.connector.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.connector.event.ConnectorListener;
import io.tunnelagent.core.connector.rules.RulesHolder;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.protocol.config.UpdateConfiguration;
import io.tunnelagent.protocol.config.UpdateConfigurationResponse;
import io.tunnelagent.protocol.rpc.RpcException;
import io.tunnelagent.protocol.rpc.message.Content;
import io.tunnelagent.protocol.session.RegisterUdpSession;
import io.tunnelagent.protocol.session.UnregisterUdpSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CloudflaredServerTests {

    private final RulesHolder rules =
            new RulesHolder(IngressRules.compile(List.of(IngressRuleDefinition.of(null, "http_status:404")), null));

    private final List<String> pushes = new ArrayList<>();

    private final CloudflaredServer server = new CloudflaredServer(this.rules, new ConnectorListener() {
        @Override
        public void remoteConfigurationPushed(int version, @Nullable String error) {
            CloudflaredServerTests.this.pushes.add(version + ":" + error);
        }
    });

    @Test
    void updateConfigurationAppliesANewerVersionAndAnswersWithIt() throws Exception {
        UpdateConfigurationResponse response = update(2, "{\"ingress\":[{\"service\":\"http_status:418\"}]}");
        assertThat(response).isEqualTo(new UpdateConfigurationResponse(2, ""));
        assertThat(this.rules.version()).isEqualTo(2);
        assertThat(this.pushes).containsExactly("2:null");
    }

    @Test
    void updateConfigurationWithAnOlderVersionAnswersWithTheCurrentOne() throws Exception {
        update(5, "{\"ingress\":[{\"service\":\"http_status:418\"}]}");
        assertThat(update(4, "{\"ingress\":[]}")).isEqualTo(new UpdateConfigurationResponse(5, ""));
    }

    @Test
    void invalidConfigurationIsRefusedWithTheErrorText() throws Exception {
        UpdateConfigurationResponse response =
                update(1, "{\"ingress\":[{\"hostname\":\"a.example.com\",\"service\":\"http://127.0.0.1:1\"}]}");
        assertThat(response.latestAppliedVersion()).isEqualTo(-1);
        assertThat(response.err()).contains("last ingress rule");
    }

    @Test
    void udpSessionsAreRefusedWithAClearError() throws Exception {
        RegisterUdpSession.Params params = new RegisterUdpSession.Params(
                UUID.randomUUID(), java.net.InetAddress.getLoopbackAddress(), 53, Duration.ofSeconds(5), "");
        Content results = this.server
                .call(RegisterUdpSession.INTERFACE_ID, RegisterUdpSession.METHOD_ID, content(params.encode()))
                .get(5, TimeUnit.SECONDS);
        assertThat(RegisterUdpSession.Results.decode(bytes(results)).result().err())
                .isEqualTo("UDP sessions are not supported by this connector");
        assertThat(this.server.call(
                        UnregisterUdpSession.INTERFACE_ID,
                        UnregisterUdpSession.METHOD_ID,
                        content(new UnregisterUdpSession.Params(UUID.randomUUID(), "done").encode())))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(RpcException.class)
                .withMessageContaining("UDP sessions are not supported by this connector");
    }

    private UpdateConfigurationResponse update(int version, String json) throws Exception {
        UpdateConfiguration.Params params =
                new UpdateConfiguration.Params(version, json.getBytes(StandardCharsets.UTF_8));
        Content results = this.server
                .call(UpdateConfiguration.INTERFACE_ID, UpdateConfiguration.METHOD_ID, content(params.encode()))
                .get(5, TimeUnit.SECONDS);
        return UpdateConfiguration.Results.decode(bytes(results)).result();
    }

    private static Content content(byte[] frame) {
        return Content.ofFrame(ByteBuffer.wrap(frame));
    }

    private static byte[] bytes(Content content) {
        ByteBuffer frame = content.toFrame();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }
}
