package org.phonecontroller.config.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.config.Durations;

/**
 * Converts YAML values to what a key means, reporting every mismatch. {@code what} names the value in
 * messages, e.g. {@code "failover.maxInFlight"}. Only {@link #text} may be used for secrets: it never quotes.
 */
public final class Values {
    private Values() {
    }

    /** A non-empty text value. Never quotes the value, so it is safe for secrets. */
    public static Optional<String> text(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Reported) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar scalar) {
            if (scalar.text().isBlank()) {
                problems.add(node, what + " is empty");
                return Optional.empty();
            }
            return Optional.of(scalar.text());
        }
        problems.add(node, what + (node instanceof YamlNode.Null ? " has no value"
                : " must be a text value, not " + node.kind()));
        return Optional.empty();
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Optional<Integer> integer(YamlNode node, String what, long min, long max, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get().strip().replace("_", "");
        String range = String.format(Locale.ROOT, "from %,d to %,d", min, max);
        long value;
        try {
            value = Long.parseLong(t);
        } catch (NumberFormatException e) {
            problems.add(node, what + " must be a whole number " + range + ", not '" + Problems.shorten(text.get())
                    + "'");
            return Optional.empty();
        }
        if (value < min || value > max) {
            problems.add(node, what + " must be " + range + ", not " + value);
            return Optional.empty();
        }
        return Optional.of((int) value);
    }

    /** A duration such as {@code 500ms} or {@code 1m30s}, at least {@code min}. */
    public static Optional<Duration> duration(YamlNode node, String what, Duration min, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(text.get());
            if (d.compareTo(min) < 0) {
                problems.add(node, what + " must be at least " + Durations.format(min) + ", not " + text.get().strip());
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (IllegalArgumentException e) {
            problems.add(node, what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code true} or {@code false} (also {@code yes}/{@code no}). */
    public static Optional<Boolean> bool(YamlNode node, String what, Problems problems) {
        return text(node, what, problems).flatMap(t -> switch (t.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> Optional.of(true);
            case "false", "no" -> Optional.of(false);
            default -> {
                problems.add(node, what + " must be true or false, not '" + Problems.shorten(t) + "'");
                yield Optional.empty();
            }
        });
    }

    /** One of the names in {@code choices} (case-insensitive). */
    public static <E> Optional<E> choice(YamlNode node, String what, Map<String, E> choices, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get().strip();
        for (Map.Entry<String, E> choice : choices.entrySet()) {
            if (choice.getKey().equalsIgnoreCase(t)) {
                return Optional.of(choice.getValue());
            }
        }
        problems.add(node, what + " must be one of " + String.join(", ", choices.keySet()) + ", not '"
                + Problems.shorten(t) + "'" + Suggestions.didYouMean(t, choices.keySet()));
        return Optional.empty();
    }

    /**
     * The items of a list; a single value counts as a list of one. A value with commas outside a list is
     * refused: {@code a, b} without brackets is one text in YAML, which is never what was meant.
     */
    public static Optional<List<YamlNode>> list(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Reported) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Sequence sequence) {
            return Optional.of(sequence.items());
        }
        if (node instanceof YamlNode.Scalar scalar) {
            if (scalar.text().contains(",")) {
                problems.add(node, what + " is one text with commas; write a list in brackets: ["
                        + Problems.shorten(scalar.text()) + "]");
                return Optional.empty();
            }
            return Optional.of(List.of(node));
        }
        problems.add(node, what + (node instanceof YamlNode.Null ? " has no value"
                : " must be a list (items start with '- ' or go in [brackets]), not " + node.kind()));
        return Optional.empty();
    }
}
