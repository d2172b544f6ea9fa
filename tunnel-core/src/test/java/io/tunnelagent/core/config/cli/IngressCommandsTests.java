package io.tunnelagent.core.config.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.config.CloudflaredConfig;
import io.tunnelagent.core.config.CloudflaredConfigReader;
import io.tunnelagent.core.config.TestResources;
import org.junit.jupiter.api.Test;

/** The outputs of the real cloudflared 2026.8.2 for the example configurations (peer doc §4.4). */
class IngressCommandsTests {

    private final CloudflaredConfig config = TestResources.config("config.yml");

    @Test
    void validateWhenRulesAreValidShouldPrintOk() {
        CommandOutput output = IngressCommands.validate(this.config, false);
        assertThat(output.text()).isEqualTo("Validating rules from config.yml\nOK\n");
        assertThat(output.exitStatus()).isZero();
    }

    @Test
    void ruleShouldPrintTheMatchedRuleLikeCloudflared() {
        assertThat(IngressCommands.rule(this.config, "https://x.example.com/y").text())
                .isEqualTo("Using rules from config.yml\nMatched rule #0\n\thostname: x.example.com\n\tpath: ^/y\n"
                        + "\tservice: http://127.0.0.1:8080\n");
        assertThat(IngressCommands.rule(this.config, "https://x.example.com/z").text())
                .isEqualTo("Using rules from config.yml\nMatched rule #1\n\thostname: *.example.com\n"
                        + "\tservice: http_status:404\n");
        assertThat(IngressCommands.rule(this.config, "https://other.org/").text())
                .isEqualTo("Using rules from config.yml\nMatched rule #2\n\tservice: hello_world\n");
    }

    @Test
    void ruleWhenUrlHasNoSchemeShouldFailBeforeReadingRules() {
        CommandOutput output = IngressCommands.rule(this.config, "x.example.com/y");
        assertThat(output.text()).isEqualTo("x.example.com/y doesn't have a hostname, consider adding a scheme\n");
        assertThat(output.exitStatus()).isEqualTo(1);
    }

    @Test
    void ruleWithCompiledRulesShouldPrintTheSameLinesWithTheGivenSource() {
        assertThat(IngressCommands.rule(this.config.ingressRules(), "a running connector", "https://x.example.com/y")
                        .text())
                .isEqualTo("Using rules from a running connector\nMatched rule #0\n\thostname: x.example.com\n"
                        + "\tpath: ^/y\n\tservice: http://127.0.0.1:8080\n");
        CommandOutput invalid = IngressCommands.rule(this.config.ingressRules(), "a running connector", "%zz");
        assertThat(invalid.exitStatus()).isEqualTo(1);
        assertThat(invalid.lines()).isEmpty();
    }

    @Test
    void ruleWithoutConfigShouldReportMissingRules() {
        CommandOutput output = IngressCommands.rule(null, "https://x.example.com/");
        assertThat(output.text())
                .isEqualTo("Using rules from \nValidation failed: The config file doesn't contain any ingress rules\n");
        assertThat(output.exitStatus()).isEqualTo(1);
    }

    @Test
    void validateShouldReportTheBadConfigsLikeCloudflared() {
        assertThat(IngressCommands.validate(TestResources.config("bad1.yml"), false)
                        .text())
                .isEqualTo(
                        "Validating rules from bad1.yml\nValidation failed: The last ingress rule must match all URLs"
                                + " (i.e. it should not have a hostname or path filter)\n");
        assertThat(IngressCommands.validate(TestResources.config("bad3.yml"), false)
                        .text())
                .isEqualTo(
                        "Validating rules from bad3.yml\nValidation failed: Hostname patterns can have at most one"
                                + " wildcard character (\"*\") and it can only be used for subdomains, e.g. \"*.example.com\"\n");
        assertThat(IngressCommands.validate(TestResources.config("bad4.yml"), false)
                        .text())
                .isEqualTo("Validating rules from bad4.yml\nValidation failed: http://127.0.0.1:8080/path is an invalid"
                        + " address, ingress rules don't support proxying to a different path on the origin service."
                        + " The path will be the same as the eyeball request's path\n");
        assertThat(IngressCommands.validate(TestResources.config("bad1.yml"), false)
                        .exitStatus())
                .isEqualTo(1);
    }

    @Test
    void validateShouldAcceptUnknownSchemesAndTheOk2Config() {
        assertThat(IngressCommands.validate(TestResources.config("bad2.yml"), false)
                        .text())
                .isEqualTo("Validating rules from bad2.yml\nOK\n");
        assertThat(IngressCommands.validate(TestResources.config("ok2.yml"), false)
                        .text())
                .isEqualTo("Validating rules from ok2.yml\nOK\n");
    }

    @Test
    void validateWithoutConfigFileShouldSaySoAndFail() {
        CommandOutput output = IngressCommands.validate(null, false);
        assertThat(output.text())
                .isEqualTo("No configuration file was found. Please create one, or use the --config flag to specify"
                        + " its filepath. You can use the help command to learn more about configuration files\n");
        assertThat(output.exitStatus()).isEqualTo(1);
    }

    @Test
    void validateWhenConfigHasNoRulesShouldFail() {
        assertThat(IngressCommands.validate(CloudflaredConfigReader.parse("tunnel: x\n", "empty.yml"), false)
                        .text())
                .isEqualTo("Validating rules from empty.yml\nValidation failed: The config file doesn't contain any"
                        + " ingress rules\n");
    }

    @Test
    void validateWithUrlFlagShouldRefuseIngressRules() {
        assertThat(IngressCommands.validate(this.config, true).error())
                .isEqualTo("You can't set the --url flag (or $TUNNEL_URL) when using multiple-origin ingress rules");
    }

    @Test
    void validateWhenKeysAreUnknownShouldPrintTheWarningInsteadOfOk() {
        CloudflaredConfig config = CloudflaredConfigReader.parse(
                "ingress:\n  - service: http_status:404\n    hostnme: a.example.com\n", "typo.yml");
        CommandOutput output = IngressCommands.validate(config, false);
        assertThat(output.text())
                .isEqualTo("Validating rules from typo.yml\nWarning: unused keys detected in your config file. Here is"
                        + " a list of unused keys:\nyaml: unmarshal errors:\n  line 3: field hostnme not found in type"
                        + " config.UnvalidatedIngressRule\n");
        assertThat(output.exitStatus()).isZero();
    }

    @Test
    void validateJsonShouldUseTheCommandLineSource() {
        assertThat(IngressCommands.validateJson("{\"ingress\":[{\"service\":\"hello_world\"}]}")
                        .text())
                .isEqualTo("Validating rules from cmdline flag --json\nOK\n");
        assertThat(IngressCommands.validateJson("{\"ingress\":[]}").text())
                .isEqualTo("Validating rules from cmdline flag --json\nValidation failed: The config file doesn't"
                        + " contain any ingress rules\n");
    }
}
