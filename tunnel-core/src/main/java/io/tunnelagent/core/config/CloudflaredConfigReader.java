package io.tunnelagent.core.config;

import io.tunnelagent.core.config.ConfigTree.Entry;
import io.tunnelagent.core.config.ConfigTree.ListNode;
import io.tunnelagent.core.config.ConfigTree.MapNode;
import io.tunnelagent.core.config.ConfigTree.Scalar;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.core.ingress.definition.WarpRoutingDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads cloudflared's {@code config.yml}: {@code tunnel}, {@code ingress}, {@code originRequest} and
 * {@code warp-routing} into definitions, every other top-level key into {@link ConfigFlags}. Like cloudflared, an
 * empty file gives an empty configuration, and unknown keys inside rules and option blocks are collected as warnings
 * rather than errors. Durations are Go duration strings ({@code 30s}, {@code 1m30s}).
 */
public final class CloudflaredConfigReader {

    private static final Logger logger = LoggerFactory.getLogger(CloudflaredConfigReader.class);

    private static final long MAX_FILE_SIZE = 4L * YamlTrees.MAX_CODE_POINTS;

    private CloudflaredConfigReader() {}

    /**
     * Reads a configuration file; its path as given is the {@link CloudflaredConfig#source()}.
     *
     * @throws ConfigException when the file cannot be read or is invalid
     */
    public static CloudflaredConfig read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new ConfigException("Configuration file " + file + " is larger than " + MAX_FILE_SIZE
                        + " bytes; ingress configurations are much smaller, check the --config path");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException ex) {
            throw new ConfigException("Cannot read configuration file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Parses configuration text.
     *
     * @param yaml the YAML text
     * @param source the name to report as the configuration's source
     * @throws ConfigException when the YAML is malformed or a value has the wrong form
     */
    public static CloudflaredConfig parse(String yaml, String source) {
        ConfigTree root = YamlTrees.parse(yaml, source);
        if (root == null || (root instanceof Scalar scalar && scalar.value() == null)) {
            logger.debug("Configuration file {} was empty", source);
            return empty(source);
        }
        if (!(root instanceof MapNode map)) {
            throw new ConfigException("error parsing YAML in config file at " + source
                    + ": expected a mapping of keys to values at the top level");
        }
        DefinitionBinder binder = new DefinitionBinder(DefinitionBinder.Format.YAML);
        String tunnel = null;
        List<IngressRuleDefinition> ingress = new ArrayList<>();
        OriginRequestDefinition originRequest = new OriginRequestDefinition();
        WarpRoutingDefinition warpRouting = new WarpRoutingDefinition();
        Map<String, @Nullable Object> flags = new LinkedHashMap<>();
        for (Entry entry : map.entries()) {
            ConfigTree value = entry.value();
            switch (entry.key()) {
                case "tunnel" ->
                    tunnel = (value instanceof Scalar scalar && scalar.value() != null) ? scalar.text() : null;
                case "ingress" -> ingress = binder.ingress(value, "ingress");
                case "originRequest" -> originRequest = binder.originRequest(value, "originRequest");
                case "warp-routing" -> warpRouting = binder.warpRouting(value, "warp-routing");
                default -> flags.put(entry.key(), plain(value));
            }
        }
        return new CloudflaredConfig(
                source, tunnel, ingress, originRequest, warpRouting, ConfigFlags.of(flags), binder.unknownKeys());
    }

    /** An empty configuration from the given source. */
    public static CloudflaredConfig empty(String source) {
        return new CloudflaredConfig(
                source,
                null,
                List.of(),
                new OriginRequestDefinition(),
                new WarpRoutingDefinition(),
                ConfigFlags.empty(),
                List.of());
    }

    private static @Nullable Object plain(ConfigTree node) {
        if (node instanceof Scalar scalar) {
            return scalar.value();
        }
        if (node instanceof ListNode list) {
            List<@Nullable Object> items = new ArrayList<>();
            list.items().forEach(item -> items.add(plain(item)));
            return items;
        }
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        ((MapNode) node).entries().forEach(entry -> values.put(entry.key(), plain(entry.value())));
        return values;
    }
}
