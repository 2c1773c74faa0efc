package org.phonecontroller.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as admins write them: {@code 500ms}, {@code 3s}, {@code 10m}, {@code 1h}, {@code 1d} and
 * combinations from the largest unit down such as {@code 1m30s} or {@code 1h30m}.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
    private static final String EXAMPLES = "e.g. 500ms, 3s, 10m, 1h, 1d or 1m30s";

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException quoting the text and showing the expected form
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration; expected a number and a unit, " + EXAMPLES);
        }
        String t = text.strip();
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnitRank = -1;
        while (position < t.length()) {
            if (!m.find(position) || m.start() != position) {
                throw new IllegalArgumentException("invalid duration '" + text + "': " + hint(t, position));
            }
            int rank = UNITS.indexOf(m.group(2));
            if (rank <= lastUnitRank) {
                throw new IllegalArgumentException("invalid duration '" + text
                        + "': write each unit once, from the largest down (d, h, m, s, ms), " + EXAMPLES);
            }
            lastUnitRank = rank;
            total = total.plus(of(Long.parseLong(m.group(1)), m.group(2)));
            position = m.end();
        }
        return total;
    }

    /** The shortest text that {@link #parse} reads back as {@code duration}, e.g. {@code 1m30s}. */
    public static String format(Duration duration) {
        if (duration.isNegative() || duration.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException(duration + " is not a whole, non-negative number of milliseconds");
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = duration.toDays();
        append(out, days, "d");
        append(out, duration.toHoursPart(), "h");
        append(out, duration.toMinutesPart(), "m");
        append(out, duration.toSecondsPart(), "s");
        append(out, duration.toMillisPart(), "ms");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("unit " + unit);
        };
    }

    private static String hint(String t, int position) {
        if (t.chars().allMatch(Character::isDigit)) {
            return "a unit is missing (" + t + "s? " + t + "ms?); " + EXAMPLES;
        }
        if (t.indexOf(' ') >= 0) {
            return "no spaces; write a number directly followed by a unit, " + EXAMPLES;
        }
        if (t.startsWith("-")) {
            return "durations cannot be negative; " + EXAMPLES;
        }
        return "expected a whole number followed by a unit (" + String.join(", ", UNITS) + "), "
                + EXAMPLES;
    }
}
