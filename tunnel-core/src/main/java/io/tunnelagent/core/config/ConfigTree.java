package io.tunnelagent.core.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A format-neutral configuration document: what the YAML and JSON readers produce and {@link DefinitionBinder}
 * consumes. Line numbers are 1-based, or 0 when the source has none.
 */
public sealed interface ConfigTree permits ConfigTree.MapNode, ConfigTree.ListNode, ConfigTree.Scalar {

    /** The line the node starts on, or 0. */
    int line();

    /**
     * A mapping with its entries in document order.
     *
     * @param entries the entries
     * @param line the line of the mapping
     */
    record MapNode(List<Entry> entries, int line) implements ConfigTree {

        public MapNode {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One mapping entry.
     *
     * @param key the key text
     * @param line the line of the key
     * @param value the value
     */
    record Entry(String key, int line, ConfigTree value) {}

    /**
     * A sequence.
     *
     * @param items the items
     * @param line the line of the sequence
     */
    record ListNode(List<ConfigTree> items, int line) implements ConfigTree {

        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar: its typed value as the format resolves it ({@link String}, {@link Boolean}, {@link Long},
     * {@link java.math.BigInteger}, {@link Double}, or {@code null}) and its source text.
     *
     * @param value the typed value
     * @param text the text as written
     * @param quoted whether the scalar was quoted (a YAML quoted scalar or a JSON string)
     * @param line the line of the scalar
     */
    record Scalar(@Nullable Object value, String text, boolean quoted, int line) implements ConfigTree {}
}
