package org.phonecontroller.config.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One YAML mapping of a known shape: reports unknown keys (with a suggestion) once, then hands out values.
 */
public final class MappingReader {
    private final YamlNode.Mapping mapping;
    private final String where;
    private final Problems problems;

    private MappingReader(YamlNode.Mapping mapping, String where, Problems problems) {
        this.mapping = mapping;
        this.where = where;
        this.problems = problems;
    }

    /**
     * Reads {@code node} as a mapping with the {@code known} keys; an empty value counts as an empty mapping.
     *
     * @param where how messages name this mapping, e.g. {@code "failover"} or {@code "range 'floor-1'"}
     */
    public static Optional<MappingReader> of(YamlNode node, String where, Collection<String> known,
                                             Problems problems) {
        return of(node, where, known, problems, true);
    }

    /**
     * Like {@link #of} for mappings that hold secrets: an unknown key is not quoted, since a secret written
     * without its key ({@code { version: 2c, "s3cret" }}) becomes a key itself.
     */
    public static Optional<MappingReader> ofSecrets(YamlNode node, String where, Collection<String> known,
                                                    Problems problems) {
        return of(node, where, known, problems, false);
    }

    private static Optional<MappingReader> of(YamlNode node, String where, Collection<String> known,
                                              Problems problems, boolean quoteUnknownKeys) {
        if (node instanceof YamlNode.Reported) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Null n) {
            return Optional.of(new MappingReader(new YamlNode.Mapping(List.of(), n.line(), n.column()), where,
                    problems));
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            problems.add(node, where + " must be a mapping of keys to values, not " + node.kind()
                    + (node instanceof YamlNode.Scalar ? " (is a key missing, or the indentation off?)" : ""));
            return Optional.empty();
        }
        for (YamlNode.Field field : mapping.fields()) {
            if (!known.contains(field.key())) {
                String suggestion = Suggestions.didYouMean(field.key(), known);
                String key = quoteUnknownKeys ? "'" + Problems.shorten(field.key()) + "' " : "";
                problems.add(field, "unknown key " + key + "in " + where
                        + (suggestion.isEmpty() ? " (known: " + String.join(", ", known) + ")" : suggestion));
            }
        }
        return Optional.of(new MappingReader(mapping, where, problems));
    }

    public YamlNode.Mapping mapping() {
        return mapping;
    }

    public String where() {
        return where;
    }

    /** The value of {@code key}, if the key is present. */
    public Optional<YamlNode> get(String key) {
        return mapping.field(key).map(YamlNode.Field::value);
    }

    /** The field of {@code key}, if present (for the location of the key itself). */
    public Optional<YamlNode.Field> field(String key) {
        return mapping.field(key);
    }

    /** The value of {@code key}; reports it as missing (at the mapping) when absent or empty. */
    public Optional<YamlNode> require(String key) {
        Optional<YamlNode.Field> field = mapping.field(key);
        if (field.isEmpty()) {
            problems.add(mapping, where + " has no '" + key + "'");
            return Optional.empty();
        }
        if (field.get().value() instanceof YamlNode.Reported) {
            return Optional.empty();
        }
        if (field.get().value() instanceof YamlNode.Null) {
            problems.add(field.get(), where + ": '" + key + "' has no value");
            return Optional.empty();
        }
        return Optional.of(field.get().value());
    }
}
