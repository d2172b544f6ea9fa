package io.tunnelagent.protocol.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TunnelCredentialsTests {

    static final String FILE = "{\"AccountTag\":\"ac1596cd251d5ed30c78646e5914a4fd\","
            + "\"TunnelSecret\":\"Y/PeCRJboKAN4dUqWGlCKd0J2CXzJctsc39lspLuoQs=\","
            + "\"TunnelID\":\"fc452cc6-280f-42f5-a51c-2bc0ce093d5e\",\"Endpoint\":\"\"}";

    @Test
    void cloudflaredFileDecodes() {
        TunnelCredentials credentials = TunnelCredentials.fromJson(FILE.getBytes(StandardCharsets.UTF_8));

        assertThat(credentials.accountTag()).isEqualTo("ac1596cd251d5ed30c78646e5914a4fd");
        assertThat(credentials.secret().bytes()).isEqualTo(TunnelTokenTests.SECRET_BYTES);
        assertThat(credentials.tunnelId()).isEqualTo(UUID.fromString("fc452cc6-280f-42f5-a51c-2bc0ce093d5e"));
        assertThat(credentials.endpoint()).isEmpty();
        assertThat(credentials).isEqualTo(TunnelTokenTests.TOKEN.toCredentials());
    }

    @Test
    void fileIsWrittenInCloudflaredsFormAndReadBack() {
        TunnelCredentials credentials = TunnelCredentials.fromJson(FILE);

        assertThat(credentials.toJson()).isEqualTo(FILE);
        assertThat(TunnelCredentials.fromJson(credentials.toJson())).isEqualTo(credentials);
    }

    @Test
    void keysAreMatchedCaseInsensitivelyAndUnknownKeysIgnored() {
        TunnelCredentials credentials = TunnelCredentials.fromJson("""
                {
                  "accounttag": "acct",
                  "TUNNELSECRET": "AQID",
                  "tunnelId": "{fc452cc6-280f-42f5-a51c-2bc0ce093d5e}",
                  "Comment": {"nested": [true, false, null]},
                  "endpoint": "fed"
                }
                """);

        assertThat(credentials.accountTag()).isEqualTo("acct");
        assertThat(credentials.secret().bytes()).containsExactly(1, 2, 3);
        assertThat(credentials.tunnelId()).isEqualTo(UUID.fromString("fc452cc6-280f-42f5-a51c-2bc0ce093d5e"));
        assertThat(credentials.endpoint()).isEqualTo("fed");
    }

    @Test
    void oldFilesWithoutTunnelIdAreAccepted() {
        TunnelCredentials credentials = TunnelCredentials.fromJson("{\"AccountTag\":\"a\",\"TunnelSecret\":\"AQID\"}");

        assertThat(credentials.tunnelId()).isNull();
    }

    @Test
    void badFieldsAreNamedWithoutEchoingTheSecret() {
        assertThatExceptionOfType(CredentialsException.class)
                .isThrownBy(() -> TunnelCredentials.fromJson("{\"AccountTag\":\"a\",\"TunnelSecret\":\"%%secret%%\"}"))
                .withMessage("Credentials file field 'TunnelSecret' is not standard base64: expected the base64"
                        + " encoding of the tunnel secret bytes");
        assertThatExceptionOfType(CredentialsException.class)
                .isThrownBy(() -> TunnelCredentials.fromJson("{\"TunnelSecret\":\"AQID\"}"))
                .withMessageStartingWith("Credentials file field 'AccountTag' is missing");
        assertThatExceptionOfType(CredentialsException.class)
                .isThrownBy(() -> TunnelCredentials.fromJson(
                        "{\"AccountTag\":\"a\",\"TunnelSecret\":\"AQID\",\"TunnelID\":\"123\"}"))
                .withMessageStartingWith("Credentials file field 'TunnelID' is not a UUID");
        assertThatExceptionOfType(CredentialsException.class)
                .isThrownBy(() -> TunnelCredentials.fromJson("{\"AccountTag\":\"a\",\"TunnelSecret\":\"AQID\"} x"))
                .withMessage("Credentials file is not valid JSON: unexpected content after the JSON object at"
                        + " offset 41");
    }

    @Test
    void secretEqualityAndToString() {
        TunnelSecret secret = TunnelSecret.of(new byte[] {1, 2, 3});

        assertThat(secret).isEqualTo(TunnelSecret.of(new byte[] {1, 2, 3})).isNotEqualTo(TunnelSecret.of(new byte[1]));
        assertThat(secret.toString()).isEqualTo("TunnelSecret[redacted]");
        assertThat(secret.length()).isEqualTo(3);
    }
}
