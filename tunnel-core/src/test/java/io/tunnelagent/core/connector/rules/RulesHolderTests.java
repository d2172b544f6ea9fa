package io.tunnelagent.core.connector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesHolderTests {

    private final IngressRules initial =
            IngressRules.compile(List.of(IngressRuleDefinition.of(null, "http_status:404")), null);

    private final RulesHolder holder = new RulesHolder(this.initial);

    @Test
    void validUpdateReplacesTheTable() {
        IngressRules updated = this.holder.update(
                List.of(
                        IngressRuleDefinition.of("app.example.com", "http://127.0.0.1:8080"),
                        IngressRuleDefinition.of(null, "http_status:404")),
                null);
        assertThat(this.holder.current()).isSameAs(updated);
        assertThat(updated.rules()).hasSize(2);
    }

    @Test
    void invalidUpdateKeepsTheOldTableAndSaysWhy() {
        assertThatExceptionOfType(IngressValidationException.class)
                .isThrownBy(() -> this.holder.update(
                        List.of(IngressRuleDefinition.of("app.example.com", "http://127.0.0.1:8080")), null))
                .withMessageContaining("last ingress rule");
        assertThat(this.holder.current()).isSameAs(this.initial);
    }

    @Test
    void aTableReadBeforeASwapStaysUsableForTheRequestThatReadIt() {
        IngressRules inFlight = this.holder.current();
        this.holder.update(List.of(IngressRuleDefinition.of(null, "http_status:503")), null);
        assertThat(inFlight).isSameAs(this.initial);
        assertThat(inFlight.match("any.example.com", "/").service().serviceString())
                .isEqualTo("http_status:404");
    }

    @Test
    void remoteConfigurationIsAppliedWithItsVersion() {
        ConfigurationUpdate result = this.holder.applyRemote(3, json("""
                {"ingress":[{"hostname":"a.example.com","service":"http://127.0.0.1:1"},
                {"service":"http_status:418"}],"warp-routing":{}}"""));
        assertThat(result).isEqualTo(new ConfigurationUpdate(3, null));
        assertThat(this.holder.version()).isEqualTo(3);
        assertThat(this.holder.current().rules()).hasSize(2);
    }

    @Test
    void remoteVersionNotNewerThanTheCurrentOneChangesNothing() {
        this.holder.applyRemote(5, json("{\"ingress\":[{\"service\":\"http_status:418\"}]}"));
        IngressRules applied = this.holder.current();
        ConfigurationUpdate older =
                this.holder.applyRemote(4, json("{\"ingress\":[{\"service\":\"http_status:500\"}]}"));
        ConfigurationUpdate same =
                this.holder.applyRemote(5, json("{\"ingress\":[{\"service\":\"http_status:500\"}]}"));
        assertThat(older).isEqualTo(new ConfigurationUpdate(5, null));
        assertThat(same).isEqualTo(new ConfigurationUpdate(5, null));
        assertThat(this.holder.current()).isSameAs(applied);
    }

    @Test
    void invalidRemoteConfigurationIsRefusedWithTheCurrentVersionAndTheError() {
        ConfigurationUpdate result = this.holder.applyRemote(
                2, json("{\"ingress\":[{\"hostname\":\"a.example.com\",\"service\":\"http://127.0.0.1:1\"}]}"));
        assertThat(result.latestAppliedVersion()).isEqualTo(-1);
        assertThat(result.error())
                .contains("Invalid remote configuration version 2")
                .contains("last ingress rule");
        assertThat(this.holder.current()).isSameAs(this.initial);
        assertThat(this.holder.version()).isEqualTo(-1);
    }

    @Test
    void remoteConfigurationThatIsNotJsonIsRefused() {
        ConfigurationUpdate result = this.holder.applyRemote(1, json("{not json"));
        assertThat(result.refused()).isTrue();
        assertThat(result.latestAppliedVersion()).isEqualTo(-1);
    }

    @Test
    void emptyRemoteIngressGivesTheDefault503Table() {
        this.holder.applyRemote(1, json("{\"ingress\":[]}"));
        assertThat(this.holder.current().isFallback()).isTrue();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
