package io.tunnelagent.core.config;

import io.tunnelagent.core.config.ConfigTree.Entry;
import io.tunnelagent.core.config.ConfigTree.ListNode;
import io.tunnelagent.core.config.ConfigTree.MapNode;
import io.tunnelagent.core.config.ConfigTree.Scalar;
import io.tunnelagent.core.ingress.definition.AccessDefinition;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.IpRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.core.ingress.definition.WarpRoutingDefinition;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds a {@link ConfigTree} into ingress definitions with cloudflared's key names. The {@link Format} decides how
 * durations are written (Go strings in YAML, whole seconds in JSON), whether keys match case-insensitively (JSON, as
 * Go's decoder does), and whether unknown keys are collected as warnings (YAML's strict pass). Not thread-safe: use
 * one binder per document.
 */
public final class DefinitionBinder {

    /** The source format of the tree. */
    public enum Format {
        /** config.yml: Go duration strings, exact keys, unknown keys reported. */
        YAML,
        /** Configuration JSON: durations as whole seconds, case-insensitive keys, unknown keys ignored. */
        JSON
    }

    private static final Set<String> YAML_TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");

    private static final Set<String> YAML_FALSE = Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");

    private final Format format;

    private final List<String> unknownKeys = new ArrayList<>();

    public DefinitionBinder(Format format) {
        this.format = format;
    }

    /**
     * Unknown keys found so far, as Go's strict YAML decoder words them, e.g.
     * {@code line 5: field foo not found in type config.UnvalidatedIngressRule}.
     */
    public List<String> unknownKeys() {
        return List.copyOf(this.unknownKeys);
    }

    /** Binds the {@code ingress} list; {@code null} gives an empty list. */
    public List<IngressRuleDefinition> ingress(ConfigTree node, String path) {
        List<IngressRuleDefinition> rules = new ArrayList<>();
        if (isNull(node)) {
            return rules;
        }
        if (!(node instanceof ListNode list)) {
            throw expected(path, "a list of rules", node);
        }
        for (int i = 0; i < list.items().size(); i++) {
            rules.add(rule(list.items().get(i), path + "[" + i + "]"));
        }
        return rules;
    }

    /** Binds one rule ({@code hostname}, {@code path}, {@code service}, {@code originRequest}). */
    public IngressRuleDefinition rule(ConfigTree node, String path) {
        IngressRuleDefinition rule = new IngressRuleDefinition();
        for (Entry entry : entries(node, path, "a rule with a service")) {
            String key = path + "." + entry.key();
            ConfigTree value = entry.value();
            switch (canonical(entry.key(), "hostname", "path", "service", "originRequest")) {
                case "hostname" -> rule.setHostname(string(value, key));
                case "path" -> rule.setPath(string(value, key));
                case "service" -> rule.setService(string(value, key));
                case "originRequest" -> rule.setOriginRequest(originRequest(value, key));
                default -> unknown(entry, "config.UnvalidatedIngressRule");
            }
        }
        return rule;
    }

    /** Binds an {@code originRequest} block; {@code null} gives an empty definition. */
    public OriginRequestDefinition originRequest(ConfigTree node, String path) {
        OriginRequestDefinition o = new OriginRequestDefinition();
        for (Entry entry : entries(node, path, "a mapping of origin request options")) {
            bindOriginRequestOption(o, entry, path + "." + entry.key());
        }
        return o;
    }

    private void bindOriginRequestOption(OriginRequestDefinition o, Entry entry, String key) {
        ConfigTree v = entry.value();
        switch (canonical(entry.key(), ORIGIN_REQUEST_KEYS)) {
            case "connectTimeout" -> o.setConnectTimeout(duration(v, key));
            case "tlsTimeout" -> o.setTlsTimeout(duration(v, key));
            case "tcpKeepAlive" -> o.setTcpKeepAlive(duration(v, key));
            case "noHappyEyeballs" -> o.setNoHappyEyeballs(bool(v, key));
            case "keepAliveConnections" -> o.setKeepAliveConnections(toInt(integer(v, key, false), key, v));
            case "keepAliveTimeout" -> o.setKeepAliveTimeout(duration(v, key));
            case "httpHostHeader" -> o.setHttpHostHeader(string(v, key));
            case "originServerName" -> o.setOriginServerName(string(v, key));
            case "matchSNItoHost" -> o.setMatchSniToHost(bool(v, key));
            case "caPool" -> o.setCaPool(string(v, key));
            case "noTLSVerify" -> o.setNoTlsVerify(bool(v, key));
            case "disableChunkedEncoding" -> o.setDisableChunkedEncoding(bool(v, key));
            case "bastionMode" -> o.setBastionMode(bool(v, key));
            case "proxyAddress" -> o.setProxyAddress(string(v, key));
            case "proxyPort" -> o.setProxyPort(integer(v, key, true));
            case "proxyType" -> o.setProxyType(string(v, key));
            case "ipRules" -> o.setIpRules(isNull(v) ? null : ipRules(v, key));
            case "http2Origin" -> o.setHttp2Origin(bool(v, key));
            case "access" -> o.setAccess(isNull(v) ? null : access(v, key));
            default -> unknown(entry, "config.OriginRequestConfig");
        }
    }

    private static final String[] ORIGIN_REQUEST_KEYS = {
        "connectTimeout",
        "tlsTimeout",
        "tcpKeepAlive",
        "noHappyEyeballs",
        "keepAliveConnections",
        "keepAliveTimeout",
        "httpHostHeader",
        "originServerName",
        "matchSNItoHost",
        "caPool",
        "noTLSVerify",
        "disableChunkedEncoding",
        "bastionMode",
        "proxyAddress",
        "proxyPort",
        "proxyType",
        "ipRules",
        "http2Origin",
        "access"
    };

    /** Binds a {@code warp-routing} block; {@code null} gives an empty definition. */
    public WarpRoutingDefinition warpRouting(ConfigTree node, String path) {
        WarpRoutingDefinition warp = new WarpRoutingDefinition();
        for (Entry entry : entries(node, path, "a mapping of warp-routing options")) {
            String key = path + "." + entry.key();
            switch (canonical(entry.key(), "connectTimeout", "maxActiveFlows", "tcpKeepAlive")) {
                case "connectTimeout" -> warp.setConnectTimeout(duration(entry.value(), key));
                case "maxActiveFlows" -> warp.setMaxActiveFlows(integer(entry.value(), key, true));
                case "tcpKeepAlive" -> warp.setTcpKeepAlive(duration(entry.value(), key));
                default -> unknown(entry, "config.WarpRoutingConfig");
            }
        }
        return warp;
    }

    private AccessDefinition access(ConfigTree node, String path) {
        AccessDefinition access = new AccessDefinition();
        for (Entry entry : entries(node, path, "a mapping of access options")) {
            String key = path + "." + entry.key();
            ConfigTree v = entry.value();
            switch (canonical(entry.key(), "required", "teamName", "audTag", "environment")) {
                case "required" -> access.setRequired(Boolean.TRUE.equals(bool(v, key)));
                case "teamName" -> access.setTeamName(string(v, key));
                case "audTag" -> access.setAudTag(stringList(v, key));
                case "environment" -> access.setEnvironment(string(v, key));
                default -> unknown(entry, "config.AccessConfig");
            }
        }
        return access;
    }

    private List<IpRuleDefinition> ipRules(ConfigTree node, String path) {
        if (!(node instanceof ListNode list)) {
            throw expected(path, "a list of {prefix, ports, allow}", node);
        }
        List<IpRuleDefinition> rules = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String itemPath = path + "[" + i + "]";
            IpRuleDefinition rule = new IpRuleDefinition();
            for (Entry entry : entries(list.items().get(i), itemPath, "a mapping with prefix, ports and allow")) {
                String key = itemPath + "." + entry.key();
                ConfigTree v = entry.value();
                switch (canonical(entry.key(), "prefix", "ports", "allow")) {
                    case "prefix" -> rule.setPrefix(string(v, key));
                    case "ports" -> rule.setPorts(ports(v, key));
                    case "allow" -> rule.setAllow(Boolean.TRUE.equals(bool(v, key)));
                    default -> unknown(entry, "config.IngressIPRule");
                }
            }
            rules.add(rule);
        }
        return rules;
    }

    private List<Integer> ports(ConfigTree node, String path) {
        List<Integer> ports = new ArrayList<>();
        if (isNull(node)) {
            return ports;
        }
        if (!(node instanceof ListNode list)) {
            throw expected(path, "a list of port numbers", node);
        }
        for (int i = 0; i < list.items().size(); i++) {
            ConfigTree item = list.items().get(i);
            ports.add(toInt(integer(item, path + "[" + i + "]", false), path, item));
        }
        return ports;
    }

    private List<String> stringList(ConfigTree node, String path) {
        List<String> values = new ArrayList<>();
        if (isNull(node)) {
            return values;
        }
        if (!(node instanceof ListNode list)) {
            throw expected(path, "a list of strings", node);
        }
        for (int i = 0; i < list.items().size(); i++) {
            String value = string(list.items().get(i), path + "[" + i + "]");
            values.add((value != null) ? value : "");
        }
        return values;
    }

    private List<Entry> entries(ConfigTree node, String path, String form) {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof MapNode map)) {
            throw expected(path, form, node);
        }
        return map.entries();
    }

    private String canonical(String key, String... known) {
        for (String name : known) {
            if (name.equals(key)) {
                return name;
            }
        }
        if (this.format == Format.JSON) {
            for (String name : known) {
                if (name.equalsIgnoreCase(key)) {
                    return name;
                }
            }
        }
        return "";
    }

    private void unknown(Entry entry, String goType) {
        if (this.format == Format.YAML) {
            this.unknownKeys.add("line " + entry.line() + ": field " + entry.key() + " not found in type " + goType);
        }
    }

    private @Nullable String string(ConfigTree node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof Scalar scalar && (this.format == Format.YAML || scalar.value() instanceof String)) {
            return scalar.text();
        }
        throw expected(path, "a string", node);
    }

    private @Nullable Boolean bool(ConfigTree node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof Scalar scalar) {
            if (scalar.value() instanceof Boolean value) {
                return value;
            }
            if (this.format == Format.YAML && !scalar.quoted()) {
                if (YAML_TRUE.contains(scalar.text())) {
                    return true;
                }
                if (YAML_FALSE.contains(scalar.text())) {
                    return false;
                }
            }
        }
        throw expected(path, "true or false", node);
    }

    private @Nullable Long integer(ConfigTree node, String path, boolean unsigned) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof Scalar scalar && scalar.value() instanceof Long value && (!unsigned || value >= 0)) {
            return value;
        }
        throw expected(path, unsigned ? "a non-negative integer" : "an integer", node);
    }

    private static int toInt(@Nullable Long value, String path, ConfigTree node) {
        if (value == null) {
            return 0;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw expected(path, "an integer", node);
        }
        return value.intValue();
    }

    private @Nullable Duration duration(ConfigTree node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (this.format == Format.JSON) {
            if (node instanceof Scalar scalar
                    && (scalar.value() instanceof Long || scalar.value() instanceof BigInteger)
                    && !scalar.quoted()) {
                try {
                    return Duration.ofSeconds(Long.parseLong(scalar.text()));
                } catch (NumberFormatException ex) {
                    // falls through to the error below
                }
            }
            throw expected(path, "a whole number of seconds", node);
        }
        if (node instanceof Scalar scalar && scalar.value() instanceof String text) {
            try {
                return GoDuration.parse(text);
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(path + ": expected a duration like 30s, got '" + text + "'", ex);
            }
        }
        throw expected(path, "a duration like 30s", node);
    }

    private static boolean isNull(ConfigTree node) {
        return node instanceof Scalar scalar && scalar.value() == null;
    }

    private static ConfigException expected(String path, String form, ConfigTree node) {
        return new ConfigException(path + ": expected " + form + ", got " + describe(node));
    }

    private static String describe(ConfigTree node) {
        if (node instanceof Scalar scalar) {
            return "'" + scalar.text() + "'";
        }
        return (node instanceof ListNode) ? "a list" : "a mapping";
    }

    @Override
    public String toString() {
        return "DefinitionBinder[" + this.format.name().toLowerCase(Locale.ROOT) + "]";
    }
}
