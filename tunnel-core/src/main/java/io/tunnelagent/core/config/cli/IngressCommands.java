package io.tunnelagent.core.config.cli;

import io.tunnelagent.core.config.CloudflaredConfig;
import io.tunnelagent.core.config.ConfigException;
import io.tunnelagent.core.config.json.RemoteConfiguration;
import io.tunnelagent.core.ingress.IngressRule;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.IngressValidationException;
import io.tunnelagent.core.ingress.service.GoUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code cloudflared tunnel ingress validate} and {@code cloudflared tunnel ingress rule <URL>}: the same output
 * lines, error texts and exit statuses, for a CLI to print.
 */
public final class IngressCommands {

    /** The error when no configuration file exists. */
    public static final String NO_CONFIG_FILE = "No configuration file was found. Please create one, or use the"
            + " --config flag to specify its filepath. You can use the help command to learn more about configuration"
            + " files";

    /** The error when {@code --url} is combined with ingress rules. */
    public static final String URL_WITH_INGRESS =
            "You can't set the --url flag (or $TUNNEL_URL) when using multiple-origin ingress rules";

    /** The line printed before the unused keys. */
    public static final String UNUSED_KEYS_WARNING =
            "Warning: unused keys detected in your config file. Here is a list of unused keys:";

    private IngressCommands() {}

    /**
     * {@code ingress validate} for a configuration file.
     *
     * @param config the configuration read, or {@code null} when no file was found
     * @param urlFlagSet whether {@code --url} (or {@code TUNNEL_URL}) was given
     */
    public static CommandOutput validate(@Nullable CloudflaredConfig config, boolean urlFlagSet) {
        if (config == null) {
            return CommandOutput.failure(List.of(), NO_CONFIG_FILE);
        }
        List<String> lines = new ArrayList<>();
        lines.add("Validating rules from " + config.source());
        try {
            config.ingressRules();
        } catch (IngressValidationException ex) {
            return CommandOutput.failure(lines, "Validation failed: " + ex.getMessage());
        }
        if (urlFlagSet) {
            return CommandOutput.failure(lines, URL_WITH_INGRESS);
        }
        if (config.unusedKeysWarning().isPresent()) {
            lines.add(UNUSED_KEYS_WARNING);
            lines.add(config.unusedKeysWarning().get());
            return CommandOutput.success(lines);
        }
        lines.add("OK");
        return CommandOutput.success(lines);
    }

    /** {@code ingress validate --json '<document>'}. */
    public static CommandOutput validateJson(String json) {
        List<String> lines = new ArrayList<>();
        lines.add("Validating rules from cmdline flag --json");
        RemoteConfiguration configuration;
        try {
            configuration = RemoteConfiguration.parse(json);
        } catch (ConfigException ex) {
            return CommandOutput.failure(lines, ex.getMessage());
        }
        if (configuration.ingress().isEmpty()) {
            return CommandOutput.failure(lines, "Validation failed: " + CloudflaredConfig.NO_INGRESS_RULES);
        }
        try {
            configuration.ingressRules();
        } catch (IngressValidationException ex) {
            return CommandOutput.failure(lines, "Validation failed: " + ex.getMessage());
        }
        lines.add("OK");
        return CommandOutput.success(lines);
    }

    /**
     * {@code ingress rule <URL>}: which rule matches the URL.
     *
     * @param config the configuration read, or {@code null} when no file was found
     * @param url the URL argument (empty when missing)
     */
    public static CommandOutput rule(@Nullable CloudflaredConfig config, String url) {
        return rule((config != null) ? config.source() : "", url, () -> {
            if (config == null) {
                throw new IngressValidationException(CloudflaredConfig.NO_INGRESS_RULES);
            }
            return config.ingressRules();
        });
    }

    /**
     * {@code ingress rule <URL>} against rules already compiled, e.g. those a running connector uses.
     *
     * @param rules the rules to test
     * @param source what the {@code Using rules from} line names
     * @param url the URL argument (empty when missing)
     */
    public static CommandOutput rule(IngressRules rules, String source, String url) {
        return rule(source, url, () -> rules);
    }

    private static CommandOutput rule(String source, String url, Supplier<IngressRules> compile) {
        GoUrl target;
        try {
            target = IngressRules.parseTestUrl(url);
        } catch (IngressValidationException ex) {
            return CommandOutput.failure(List.of(), ex.getMessage());
        }
        List<String> lines = new ArrayList<>();
        lines.add("Using rules from " + source);
        IngressRules rules;
        try {
            rules = compile.get();
        } catch (IngressValidationException ex) {
            return CommandOutput.failure(lines, "Validation failed: " + ex.getMessage());
        }
        IngressRule rule = rules.match(target.hostname(), target.path());
        lines.add("Matched rule #" + rule.index());
        lines.add(rule.toMultiLineString());
        return CommandOutput.success(lines);
    }
}
