package io.tunnelagent.core.config;

import io.tunnelagent.core.config.ConfigTree.Entry;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads YAML into a {@link ConfigTree} with SnakeYAML's composer only (no object construction, so no arbitrary
 * types), bounded in size, aliases, nesting and expanded nodes. Plain scalars resolve with the YAML 1.2 core schema,
 * as Go's yaml.v3 does: {@code yes} stays a string unless a boolean is expected.
 */
final class YamlTrees {

    static final int MAX_CODE_POINTS = 1024 * 1024;

    private static final int MAX_DEPTH = 64;

    private static final int MAX_NODES = 100_000;

    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");

    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");

    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private int nodes;

    private YamlTrees() {}

    /** Parses a YAML document; {@code null} for an empty document. */
    static @Nullable ConfigTree parse(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        DumperOptions dumperOptions = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options);
        Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (YAMLException ex) {
            throw new ConfigException("error parsing YAML in config file at " + source + ": " + ex.getMessage(), ex);
        }
        return (root != null) ? new YamlTrees().convert(root, 0) : null;
    }

    private ConfigTree convert(Node node, int depth) {
        if (++this.nodes > MAX_NODES || depth > MAX_DEPTH) {
            throw new ConfigException("YAML document is too large or too deeply nested (aliases expand to more than "
                    + MAX_NODES + " nodes or " + MAX_DEPTH + " levels)");
        }
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof MappingNode mapping) {
            List<Entry> entries = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                addEntry(tuple, entries, seen, depth);
            }
            return new ConfigTree.MapNode(entries, line);
        }
        if (node instanceof SequenceNode sequence) {
            List<ConfigTree> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, depth + 1));
            }
            return new ConfigTree.ListNode(items, line);
        }
        ScalarNode scalar = (ScalarNode) node;
        boolean quoted = scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
        Object value = quoted ? scalar.getValue() : resolve(scalar.getValue());
        return new ConfigTree.Scalar(value, scalar.getValue(), quoted, line);
    }

    private void addEntry(NodeTuple tuple, List<Entry> entries, Map<String, Integer> seen, int depth) {
        Node keyNode = tuple.getKeyNode();
        if (keyNode.getTag().equals(Tag.MERGE)) {
            merge(tuple.getValueNode(), entries, seen, depth);
            return;
        }
        if (!(keyNode instanceof ScalarNode keyScalar)) {
            throw new ConfigException(
                    "line " + (keyNode.getStartMark().getLine() + 1) + ": mapping keys must be plain values");
        }
        String key = keyScalar.getValue();
        int line = keyNode.getStartMark().getLine() + 1;
        Integer previous = seen.putIfAbsent(key, line);
        if (previous != null) {
            throw new ConfigException(
                    "line " + line + ": mapping key \"" + key + "\" already defined at line " + previous);
        }
        entries.add(new Entry(key, line, convert(tuple.getValueNode(), depth + 1)));
    }

    private void merge(Node value, List<Entry> entries, Map<String, Integer> seen, int depth) {
        List<Node> sources = (value instanceof SequenceNode sequence) ? sequence.getValue() : List.of(value);
        for (Node source : sources) {
            if (!(convert(source, depth + 1) instanceof ConfigTree.MapNode map)) {
                throw new ConfigException("line " + (source.getStartMark().getLine() + 1)
                        + ": a merge key (<<) needs a mapping or a list of mappings");
            }
            for (Entry entry : map.entries()) {
                if (seen.putIfAbsent(entry.key(), entry.line()) == null) {
                    entries.add(entry);
                }
            }
        }
    }

    private static @Nullable Object resolve(String text) {
        switch (text) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "true", "True", "TRUE":
                return Boolean.TRUE;
            case "false", "False", "FALSE":
                return Boolean.FALSE;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            default:
                break;
        }
        if (INT.matcher(text).matches()) {
            BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            return (value.bitLength() < 64) ? (Object) value.longValue() : value;
        }
        if (HEX.matcher(text).matches() || OCTAL.matcher(text).matches()) {
            BigInteger value = new BigInteger(text.substring(2), text.charAt(1) == 'x' ? 16 : 8);
            return (value.bitLength() < 64) ? (Object) value.longValue() : value;
        }
        if (FLOAT.matcher(text).matches()) {
            return Double.valueOf(text);
        }
        return text;
    }
}
