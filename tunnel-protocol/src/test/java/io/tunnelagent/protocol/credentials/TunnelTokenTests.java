package io.tunnelagent.protocol.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TunnelTokenTests {

    static final byte[] SECRET_BYTES = Base64.getDecoder().decode("Y/PeCRJboKAN4dUqWGlCKd0J2CXzJctsc39lspLuoQs=");

    static final TunnelToken TOKEN = new TunnelToken(
            "ac1596cd251d5ed30c78646e5914a4fd",
            UUID.fromString("fc452cc6-280f-42f5-a51c-2bc0ce093d5e"),
            TunnelSecret.of(SECRET_BYTES),
            "");

    @Test
    void tokenDecodesFromBase64Json() {
        String token =
                base64("{\"a\":\"ac1596cd251d5ed30c78646e5914a4fd\",\"t\":\"fc452cc6-280f-42f5-a51c-2bc0ce093d5e\","
                        + "\"s\":\"Y/PeCRJboKAN4dUqWGlCKd0J2CXzJctsc39lspLuoQs=\"}");

        assertThat(TunnelToken.decode(token)).isEqualTo(TOKEN);
        assertThat(TunnelToken.decode("  " + token + "\n")).isEqualTo(TOKEN);
    }

    @Test
    void tokenRoundTripsWithAndWithoutEndpoint() {
        TunnelToken fed = new TunnelToken(TOKEN.accountTag(), TOKEN.tunnelId(), TOKEN.secret(), "fed");

        assertThat(TunnelToken.decode(TOKEN.encode())).isEqualTo(TOKEN);
        assertThat(TunnelToken.decode(fed.encode())).isEqualTo(fed);
        assertThat(new String(Base64.getDecoder().decode(TOKEN.encode()), StandardCharsets.UTF_8))
                .doesNotContain("\"e\"");
        assertThat(TOKEN.encode()).endsWith("=");
    }

    @Test
    void keysMatchCaseInsensitivelyAndUnknownKeysAreIgnored() {
        String token = base64("{\"A\":\"acct\",\"T\":\"FC452CC6-280F-42F5-A51C-2BC0CE093D5E\",\"S\":\"AQID\","
                + "\"x\":[1,{\"y\":null}],\"n\":-1.5e3}");

        TunnelToken decoded = TunnelToken.decode(token);

        assertThat(decoded.accountTag()).isEqualTo("acct");
        assertThat(decoded.tunnelId()).isEqualTo(TOKEN.tunnelId());
        assertThat(decoded.secret().bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(TOKEN.toString())
                .contains("ac1596cd251d5ed30c78646e5914a4fd")
                .contains("redacted")
                .doesNotContain(TOKEN.secret().toBase64());
        assertThat(TOKEN.toCredentials().toString())
                .doesNotContain(TOKEN.secret().toBase64());
    }

    @Test
    void tokenThatIsNotBase64IsRejected() {
        assertInvalid("not base64!", "Provided Tunnel token is not valid. It is not standard base64");
    }

    @Test
    void tokenThatIsNotJsonIsRejectedWithoutEchoingIt() {
        assertInvalid(
                base64("secret-ish text"),
                "Provided Tunnel token is not valid. Its content is not valid JSON:"
                        + " expected a JSON object at offset 0");
        assertInvalid(base64("{\"a\":\"x\",}"), "is not valid JSON: expected '\"' at offset 9");
    }

    @Test
    void tunnelIdThatIsNotAUuidIsRejected() {
        assertInvalid(
                base64("{\"a\":\"acct\",\"t\":\"nope\",\"s\":\"AQID\"}"),
                "Provided Tunnel token is not valid. Tunnel token field 't' is not a UUID: expected"
                        + " xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    }

    @Test
    void missingOrWronglyTypedFieldsAreNamed() {
        assertInvalid(
                base64("{\"t\":\"fc452cc6-280f-42f5-a51c-2bc0ce093d5e\",\"s\":\"AQID\"}"),
                "Tunnel token field 'a' is missing");
        assertInvalid(
                base64("{\"a\":\"acct\",\"t\":\"fc452cc6-280f-42f5-a51c-2bc0ce093d5e\",\"s\":5}"),
                "Tunnel token field 's' must be a JSON string, not a number");
        assertInvalid(
                base64("{\"a\":\"acct\",\"t\":\"fc452cc6-280f-42f5-a51c-2bc0ce093d5e\",\"s\":\"!!\"}"),
                "Tunnel token field 's' is not standard base64");
    }

    @Test
    void errorsNeverContainTheSecret() {
        String secret = "c2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw==";
        String token = base64("{\"a\":\"acct\",\"t\":\"bad\",\"s\":\"" + secret + "\"}");

        assertThatExceptionOfType(CredentialsException.class)
                .isThrownBy(() -> TunnelToken.decode(token))
                .satisfies(
                        ex -> assertThat(ex.getMessage()).doesNotContain(secret).doesNotContain(token));
    }

    @Test
    void deeplyNestedJsonIsRejected() {
        assertInvalid(base64("{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}"), "nested deeper than 32 levels");
    }

    private static void assertInvalid(String token, String messagePart) {
        assertThatExceptionOfType(CredentialsException.class)
                .isThrownBy(() -> TunnelToken.decode(token))
                .withMessageContaining(messagePart)
                .withMessageStartingWith("Provided Tunnel token is not valid. ");
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
