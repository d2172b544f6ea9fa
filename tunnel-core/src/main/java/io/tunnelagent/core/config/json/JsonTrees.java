package io.tunnelagent.core.config.json;

import io.tunnelagent.core.config.ConfigException;
import io.tunnelagent.core.config.ConfigTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads JSON into a {@link ConfigTree} with Jackson, bounded in nesting and size. */
final class JsonTrees {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(1024 * 1024)
                            .maxDocumentLength(4L * 1024 * 1024)
                            .build())
                    .build())
            .build();

    private JsonTrees() {}

    static ConfigTree parse(String json, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException ex) {
            throw new ConfigException(what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(what + " is empty; expected a JSON object");
        }
        return convert(root);
    }

    private static ConfigTree convert(JsonNode node) {
        if (node.isObject()) {
            List<ConfigTree.Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                entries.add(new ConfigTree.Entry(property.getKey(), 0, convert(property.getValue())));
            }
            return new ConfigTree.MapNode(entries, 0);
        }
        if (node.isArray()) {
            List<ConfigTree> items = new ArrayList<>();
            node.values().forEach(item -> items.add(convert(item)));
            return new ConfigTree.ListNode(items, 0);
        }
        if (node.isNull()) {
            return new ConfigTree.Scalar(null, "null", false, 0);
        }
        if (node.isString()) {
            return new ConfigTree.Scalar(node.stringValue(), node.stringValue(), true, 0);
        }
        if (node.isBoolean()) {
            return new ConfigTree.Scalar(node.booleanValue(), node.asString(), false, 0);
        }
        if (node.isIntegralNumber()) {
            Object value = node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
            return new ConfigTree.Scalar(value, node.asString(), false, 0);
        }
        return new ConfigTree.Scalar(node.doubleValue(), node.asString(), false, 0);
    }
}
