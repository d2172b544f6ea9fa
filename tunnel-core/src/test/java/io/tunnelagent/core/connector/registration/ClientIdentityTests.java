package io.tunnelagent.core.connector.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.protocol.registration.ClientInfo;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClientIdentityTests {

    @Test
    void clientInfoCarriesCloudflaredsDefaultFeatures() {
        UUID id = UUID.randomUUID();
        ClientInfo info = ClientIdentity.clientInfo(id, "1.2.3", false);
        assertThat(info.clientId()).isEqualTo(id);
        assertThat(info.features())
                .containsExactly(
                        "allow_remote_config",
                        "serialized_headers",
                        "support_datagram_v2",
                        "support_quic_eof",
                        "management_logs");
        assertThat(info.version()).isEqualTo("1.2.3");
    }

    @Test
    void strictPostQuantumAddsThePostquantumFeature() {
        assertThat(ClientIdentity.clientInfo(UUID.randomUUID(), "1", true).features())
                .endsWith("postquantum");
    }

    @Test
    void archIsGoosUnderscoreGoarch() {
        assertThat(ClientIdentity.goos("Linux")).isEqualTo("linux");
        assertThat(ClientIdentity.goos("Mac OS X")).isEqualTo("darwin");
        assertThat(ClientIdentity.goos("Windows 11")).isEqualTo("windows");
        assertThat(ClientIdentity.goarch("amd64")).isEqualTo("amd64");
        assertThat(ClientIdentity.goarch("x86_64")).isEqualTo("amd64");
        assertThat(ClientIdentity.goarch("aarch64")).isEqualTo("arm64");
        assertThat(ClientIdentity.arch()).matches("[a-z0-9]+_[a-z0-9]+");
    }
}
