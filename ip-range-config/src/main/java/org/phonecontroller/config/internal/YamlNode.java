package org.phonecontroller.config.internal;

import java.util.List;
import java.util.Optional;

/** A YAML value with the line and column (from 1) where it starts, so every problem can say where it is. */
public sealed interface YamlNode {
    int line();

    int column();

    /** What the node is, for messages: "a mapping", "a list", "a text value", "nothing". */
    String kind();

    /** A key of a mapping, where the key is written, and its value. */
    record Field(String key, int line, int column, YamlNode value) {
    }

    /** {@code key: value} pairs in file order; a repeated key keeps its first value (and is reported). */
    record Mapping(List<Field> fields, int line, int column) implements YamlNode {
        public Mapping {
            fields = List.copyOf(fields);
        }

        public Optional<Field> field(String key) {
            return fields.stream().filter(f -> f.key().equals(key)).findFirst();
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar (text, number, boolean) as written; conversions happen where the meaning is known. */
    record Scalar(String text, int line, int column) implements YamlNode {
        @Override
        public String kind() {
            return "a text value";
        }
    }

    /** An empty value ({@code key:} with nothing after it, or {@code ~} / {@code null}). */
    record Null(int line, int column) implements YamlNode {
        @Override
        public String kind() {
            return "nothing";
        }
    }

    /** A value already reported as unusable (e.g. an alias): every later check passes over it in silence. */
    record Reported(int line, int column) implements YamlNode {
        @Override
        public String kind() {
            return "an unusable value";
        }
    }
}
