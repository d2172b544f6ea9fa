package io.tunnelagent.core.ingress;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.tunnelagent.core.ingress.definition.AccessDefinition;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import io.tunnelagent.core.ingress.request.AccessConfig;
import io.tunnelagent.core.ingress.request.OriginRequestConfig;
import io.tunnelagent.core.ingress.service.IngressService;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Validates definitions in cloudflared's order and compiles them into rules. */
final class IngressRuleCompiler {

    private IngressRuleCompiler() {}

    static List<IngressRule> compile(List<IngressRuleDefinition> definitions, OriginRequestConfig defaults) {
        List<IngressRule> rules = new ArrayList<>(definitions.size());
        for (int i = 0; i < definitions.size(); i++) {
            rules.add(compileRule(definitions.get(i), i, definitions.size(), defaults));
        }
        return rules;
    }

    private static IngressRule compileRule(
            IngressRuleDefinition definition, int index, int total, OriginRequestConfig defaults) {
        OriginRequestConfig config = defaults.withOverrides(definition.getOriginRequest());
        IngressService service = parseService(definition, config);
        if (service instanceof IngressService.Bastion) {
            config = config.withBastionMode();
        }
        @Nullable AccessConfig access = access(definition.getOriginRequest().getAccess());
        String hostname = nullToEmpty(definition.getHostname());
        String path = nullToEmpty(definition.getPath());
        validateHostname(hostname, path, index, total);
        boolean catchAll = isCatchAll(hostname, path);
        @Nullable String punycode = catchAll ? null : punycode(hostname);
        @Nullable Pattern pattern = path.isEmpty() ? null : compilePath(path, index);
        return new IngressRule(index, hostname, punycode, pattern, service, config, access);
    }

    private static IngressService parseService(IngressRuleDefinition definition, OriginRequestConfig config) {
        List<IpRuleDefinition> ipRules = definition.getOriginRequest().getIpRules();
        try {
            return IngressService.parse(
                    nullToEmpty(definition.getService()),
                    config.bastionMode(),
                    (ipRules != null) ? ipRules : List.of());
        } catch (IllegalArgumentException ex) {
            throw new IngressValidationException(ex.getMessage(), ex);
        }
    }

    private static @Nullable AccessConfig access(@Nullable AccessDefinition definition) {
        if (definition == null || !definition.isRequired()) {
            return null;
        }
        AccessConfig access = AccessConfig.from(definition);
        if (access.teamName().isEmpty() && !access.audTags().isEmpty()) {
            throw new IngressValidationException("access.TeamName cannot be blank when access.audTags are present");
        }
        return access;
    }

    private static void validateHostname(String hostname, String path, int index, int total) {
        if (HostMatching.splitHost(hostname) != null) {
            throw new IngressValidationException("Hostname cannot contain a port");
        }
        if (hostname.lastIndexOf('*') > 0) {
            throw new IngressValidationException("Hostname patterns can have at most one wildcard character (\"*\")"
                    + " and it can only be used for subdomains, e.g. \"*.example.com\"");
        }
        boolean catchAll = isCatchAll(hostname, path);
        boolean last = index == total - 1;
        if (last && !catchAll) {
            throw new IngressValidationException("The last ingress rule must match all URLs (i.e. it should not have a"
                    + " hostname or path filter)");
        }
        if (!last && catchAll) {
            throw new IngressValidationException("Rule #" + (index + 1) + " is matching the hostname '" + hostname
                    + "', but this will match every hostname, meaning the rules which follow it will never be"
                    + " triggered.");
        }
    }

    private static boolean isCatchAll(String hostname, String path) {
        return (hostname.isEmpty() || hostname.equals("*")) && path.isEmpty();
    }

    private static @Nullable String punycode(String hostname) {
        try {
            String ascii = IDN.toASCII(hostname, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ascii.equals(hostname) ? null : ascii;
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static Pattern compilePath(String path, int index) {
        try {
            return Pattern.compile(path);
        } catch (PatternSyntaxException ex) {
            throw new IngressValidationException(
                    "Rule #" + (index + 1) + " has an invalid regex: " + ex.getMessage(), ex);
        }
    }

    private static String nullToEmpty(@Nullable String text) {
        return (text != null) ? text : "";
    }
}
