package io.tunnelagent.core.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.ingress.definition.AccessDefinition;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import io.tunnelagent.core.ingress.service.IngressService;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class IngressRulesValidationTests {

    @Test
    void compileWhenLastRuleHasHostnameShouldFail() {
        assertInvalid(
                "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)",
                rule("a.example.com", "http://127.0.0.1:8080"));
    }

    @Test
    void compileWhenLastRuleHasPathShouldFail() {
        IngressRuleDefinition last = rule(null, "http_status:404");
        last.setPath("^/x");
        assertInvalid(
                "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)", last);
    }

    @Test
    void compileWhenLastRuleIsStarShouldSucceed() {
        assertThat(IngressRules.compile(List.of(rule("*", "http_status:404")), null)
                        .rules())
                .hasSize(1);
    }

    @Test
    void compileWhenNonLastRuleIsCatchAllShouldFailWithOneBasedNumber() {
        assertInvalid(
                "Rule #2 is matching the hostname '*', but this will match every hostname, meaning the rules which"
                        + " follow it will never be triggered.",
                rule("a.example.com", "http://127.0.0.1:1"),
                rule("*", "http://127.0.0.1:2"),
                rule(null, "http_status:404"));
        assertInvalid(
                "Rule #1 is matching the hostname '', but this will match every hostname, meaning the rules which"
                        + " follow it will never be triggered.",
                rule(null, "http://127.0.0.1:2"),
                rule(null, "http_status:404"));
    }

    @Test
    void compileWhenWildcardIsNotFirstShouldFail() {
        assertInvalid(
                "Hostname patterns can have at most one wildcard character (\"*\") and it can only be used for"
                        + " subdomains, e.g. \"*.example.com\"",
                rule("a.*.example.com", "http://127.0.0.1:1"),
                rule(null, "http_status:404"));
        assertInvalid(
                "Hostname patterns can have at most one wildcard character (\"*\") and it can only be used for"
                        + " subdomains, e.g. \"*.example.com\"",
                rule("*.*.example.com", "http://127.0.0.1:1"),
                rule(null, "http_status:404"));
    }

    @Test
    void compileWhenHostnameHasPortShouldFail() {
        assertInvalid(
                "Hostname cannot contain a port",
                rule("a.example.com:8080", "http://127.0.0.1:1"),
                rule(null, "http_status:404"));
        assertInvalid(
                "Hostname cannot contain a port",
                rule("[::1]:80", "http://127.0.0.1:1"),
                rule(null, "http_status:404"));
    }

    @Test
    void compileWhenPathIsInvalidRegexShouldFailWithOneBasedNumberAndRe2Error() {
        IngressRuleDefinition first = rule("a.example.com", "http://127.0.0.1:1");
        first.setPath("(abc");
        assertInvalid(
                "Rule #1 has an invalid regex: error parsing regexp: missing closing ): `(abc`",
                first,
                rule(null, "http_status:404"));
    }

    @Test
    void compileWhenServiceHasNoSchemeOrHostShouldFail() {
        assertInvalid(
                "localhost:8080 is an invalid address, please make sure it has a scheme and a hostname",
                rule(null, "localhost:8080"));
        assertInvalid(
                "127.0.0.1 is an invalid address, please make sure it has a scheme and a hostname",
                rule(null, "127.0.0.1"));
        assertInvalid(" is an invalid address, please make sure it has a scheme and a hostname", rule(null, null));
    }

    @Test
    void compileWhenServiceHasPathShouldFail() {
        assertInvalid(
                "http://127.0.0.1:8080/path is an invalid address, ingress rules don't support proxying to a"
                        + " different path on the origin service. The path will be the same as the eyeball request's"
                        + " path",
                rule(null, "http://127.0.0.1:8080/path"));
        assertInvalid(
                "http://127.0.0.1:8080/ is an invalid address, ingress rules don't support proxying to a different"
                        + " path on the origin service. The path will be the same as the eyeball request's path",
                rule(null, "http://127.0.0.1:8080/"));
    }

    @Test
    void compileWhenServiceIsUnparsableUrlShouldFailWithGoError() {
        assertInvalid("parse \"http://[::1\": missing ']' in host", rule(null, "http://[::1"));
        assertInvalid("parse \"http://a:b\": invalid port \":b\" after host", rule(null, "http://a:b"));
    }

    @Test
    void compileWhenHttpStatusIsNotAnIntegerShouldFail() {
        assertInvalid(
                "invalid HTTP status code: strconv.Atoi: parsing \"abc\": invalid syntax",
                rule(null, "http_status:abc"));
        assertInvalid(
                "invalid HTTP status code: strconv.Atoi: parsing \"\": invalid syntax", rule(null, "http_status:"));
    }

    @Test
    void compileWhenHttpStatusIsOutOfRangeShouldFail() {
        assertInvalid("invalid HTTP status code: 99", rule(null, "http_status:99"));
        assertInvalid("invalid HTTP status code: 1000", rule(null, "http_status:1000"));
        assertThat(IngressRules.compile(List.of(rule(null, "http_status:999")), null)
                        .rules()
                        .get(0)
                        .service())
                .isEqualTo(new IngressService.HttpStatus(999));
    }

    @Test
    void compileWhenSocksProxyIpRuleIsInvalidShouldFail() {
        assertInvalid("unable to create ip rule for socks-proxy: no prefix provided", socks(null, List.of()));
        assertInvalid(
                "unable to create ip rule for socks-proxy: unable to parse cidr: 10.0.0.1",
                socks("10.0.0.1", List.of()));
        assertInvalid(
                "unable to create ip rule for socks-proxy: invalid port 70000, needs to be between 1 and 65535",
                socks("10.0.0.0/8", List.of(80, 70000)));
    }

    @Test
    void compileWhenAccessHasAudTagsButNoTeamNameShouldFail() {
        IngressRuleDefinition rule = rule(null, "http://127.0.0.1:1");
        AccessDefinition access = new AccessDefinition();
        access.setRequired(true);
        access.setAudTag(new ArrayList<>(List.of("aud1")));
        rule.getOriginRequest().setAccess(access);
        assertInvalid("access.TeamName cannot be blank when access.audTags are present", rule);
    }

    @Test
    void compileWhenAccessIsRequiredWithoutAudTagsShouldSucceed() {
        IngressRuleDefinition rule = rule(null, "http://127.0.0.1:1");
        AccessDefinition access = new AccessDefinition();
        access.setRequired(true);
        rule.getOriginRequest().setAccess(access);
        assertThat(IngressRules.compile(List.of(rule), null).rules().get(0).access())
                .isNotNull();
    }

    @Test
    void compileWhenNoRulesShouldGiveTheDefault503RuleAndWarning() {
        IngressRules rules = IngressRules.compile(List.of(), null);
        assertThat(rules.isFallback()).isTrue();
        assertThat(rules.rules())
                .singleElement()
                .satisfies(rule -> assertThat(rule.service().serviceString()).isEqualTo("http_status:503"));
        assertThat(rules.warning())
                .contains("No ingress rules were defined in provided config (if any) nor from the cli, cloudflared"
                        + " will return 503 for all incoming HTTP requests");
    }

    @Test
    void compileWhenServiceErrorAndHostnameErrorInSameRuleShouldReportServiceFirst() {
        assertInvalid(
                "http://x/y is an invalid address, ingress rules don't support proxying to a different path on the"
                        + " origin service. The path will be the same as the eyeball request's path",
                rule("a.example.com", "http://x/y"));
    }

    private static IngressRuleDefinition socks(@Nullable String prefix, List<Integer> ports) {
        IngressRuleDefinition rule = rule(null, "socks-proxy");
        rule.getOriginRequest().setIpRules(List.of(IpRuleDefinition.of(prefix, ports, true)));
        return rule;
    }

    static IngressRuleDefinition rule(@Nullable String hostname, @Nullable String service) {
        IngressRuleDefinition rule = new IngressRuleDefinition();
        rule.setHostname(hostname);
        rule.setService(service);
        return rule;
    }

    private static void assertInvalid(String message, IngressRuleDefinition... rules) {
        assertThatExceptionOfType(IngressValidationException.class)
                .isThrownBy(() -> IngressRules.compile(List.of(rules), null))
                .withMessage(message);
    }
}
