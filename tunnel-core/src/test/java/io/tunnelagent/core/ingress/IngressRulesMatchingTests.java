package io.tunnelagent.core.ingress;

import static io.tunnelagent.core.ingress.IngressRulesValidationTests.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressRulesMatchingTests {

    private final IngressRules rules = IngressRules.compile(
            List.of(
                    withPath(rule("x.example.com", "http://127.0.0.1:8080"), "^/y"),
                    rule("*.example.com", "http_status:404"),
                    rule("exact.org", "http://127.0.0.1:1"),
                    withPath(rule(null, "http://127.0.0.1:2"), "^/login"),
                    rule("bücher.example", "http://127.0.0.1:3"),
                    rule(null, "hello_world")),
            null);

    @Test
    void matchWhenHostHasPortShouldIgnorePort() {
        assertThat(this.rules.match("exact.org:8443", "/").index()).isEqualTo(2);
        assertThat(this.rules.match("[::1]:80", "/").index()).isEqualTo(5);
    }

    @Test
    void matchWhenHostDiffersOnlyInCaseShouldNotMatchExactRule() {
        assertThat(this.rules.match("EXACT.org", "/").index()).isEqualTo(5);
    }

    @Test
    void matchWhenWildcardRuleShouldMatchSubdomainsButNotApex() {
        assertThat(this.rules.match("a.example.com", "/").index()).isEqualTo(1);
        assertThat(this.rules.match("a.b.example.com", "/").index()).isEqualTo(1);
        assertThat(this.rules.match("example.com", "/").index()).isEqualTo(5);
    }

    @Test
    void matchWhenPathRegexIsAnchoredAtStartShouldSearchUnanchoredAtEnd() {
        assertThat(this.rules.match("anything.org", "/login/2fa").index()).isEqualTo(3);
        assertThat(this.rules.match("anything.org", "/a/login").index()).isEqualTo(5);
    }

    @Test
    void matchWhenPathRegexIsNotAnchoredShouldFindItAnywhere() {
        IngressRules table = IngressRules.compile(
                List.of(withPath(rule(null, "http://127.0.0.1:1"), "\\.html"), rule(null, "http_status:404")), null);
        assertThat(table.match("h", "/a/b/index.html?").index()).isZero();
        assertThat(table.match("h", "/a/b/index.htm").index()).isEqualTo(1);
    }

    @Test
    void matchWhenHostMatchesButPathDoesNotShouldTryNextRules() {
        assertThat(this.rules.match("x.example.com", "/y/z").index()).isZero();
        assertThat(this.rules.match("x.example.com", "/z").index()).isEqualTo(1);
    }

    @Test
    void matchWhenRuleHostnameIsStarOrEmptyShouldMatchEveryHost() {
        IngressRules table = IngressRules.compile(
                List.of(withPath(rule("*", "http://127.0.0.1:1"), "^/a"), rule("", "http_status:404")), null);
        assertThat(table.match("whatever.net", "/a").index()).isZero();
        assertThat(table.match("whatever.net", "/b").index()).isEqualTo(1);
    }

    @Test
    void matchWhenRuleHostnameIsInternationalShouldMatchUnicodeAndPunycodeForms() {
        assertThat(this.rules.match("bücher.example", "/").index()).isEqualTo(4);
        assertThat(this.rules.match("xn--bcher-kva.example", "/").index()).isEqualTo(4);
        assertThat(this.rules.rules().get(4).punycodeHostname()).isEqualTo("xn--bcher-kva.example");
        assertThat(this.rules.rules().get(2).punycodeHostname()).isNull();
    }

    @Test
    void matchWhenNothingMatchesShouldReturnLastRule() {
        IngressRules table = IngressRules.compile(
                List.of(
                        rule("a.org", "http://127.0.0.1:1"),
                        rule("b.org", "http://127.0.0.1:2"),
                        rule(null, "http_status:404")),
                null);
        assertThat(table.match("c.org", "/").index()).isEqualTo(2);
    }

    @Test
    void matchUrlShouldUseHostnameAndDecodedPath() {
        assertThat(this.rules.matchUrl("https://x.example.com/y").index()).isZero();
        assertThat(this.rules.matchUrl("https://x.example.com:8443/%79").index())
                .isZero();
        assertThat(this.rules.matchUrl("https://other.org/").index()).isEqualTo(5);
    }

    @Test
    void matchUrlWhenUrlHasNoSchemeShouldFailWithCloudflaredText() {
        assertThatExceptionOfType(IngressValidationException.class)
                .isThrownBy(() -> this.rules.matchUrl("x.example.com/y"))
                .withMessage("x.example.com/y doesn't have a hostname, consider adding a scheme");
    }

    @Test
    void matchUrlWhenUrlIsInvalidShouldFailWithCloudflaredText() {
        assertThatExceptionOfType(IngressValidationException.class)
                .isThrownBy(() -> this.rules.matchUrl("http://[::1"))
                .withMessage("http://[::1 is not a valid URL");
        assertThatExceptionOfType(IngressValidationException.class)
                .isThrownBy(() -> this.rules.matchUrl(""))
                .withMessage("cloudflared tunnel rule expects a single argument, the URL to test");
    }

    @Test
    void toMultiLineStringShouldPrintSetFieldsTabIndented() {
        assertThat(this.rules.matchUrl("https://x.example.com/y").toMultiLineString())
                .isEqualTo("\thostname: x.example.com\n\tpath: ^/y\n\tservice: http://127.0.0.1:8080");
        assertThat(this.rules.matchUrl("https://other.org/").toMultiLineString())
                .isEqualTo("\tservice: hello_world");
    }

    private static IngressRuleDefinition withPath(IngressRuleDefinition rule, String path) {
        rule.setPath(path);
        return rule;
    }
}
