package org.phonecontroller.config.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A syntax check of Quartz cron expressions ({@code seconds minutes hours day-of-month month day-of-week
 * [year]}), without depending on Quartz: field count, characters, number ranges, names, and Quartz's rule
 * that one of day-of-month and day-of-week is {@code ?}. The scheduler remains the final judge of rarer forms.
 */
public final class CronSyntax {
    private record Field(String name, int min, int max, String specials, List<String> names) {
    }

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final List<Field> FIELDS = List.of(
            new Field("seconds", 0, 59, "", List.of()),
            new Field("minutes", 0, 59, "", List.of()),
            new Field("hours", 0, 23, "", List.of()),
            new Field("day-of-month", 1, 31, "?LW", List.of()),
            new Field("month", 1, 12, "", MONTHS),
            new Field("day-of-week", 1, 7, "?L#", DAYS),
            new Field("year", 1970, 2099, "", List.of()));

    private CronSyntax() {
    }

    /** Why {@code expression} is not a Quartz cron expression, or empty when it looks right. */
    public static Optional<String> problem(String expression) {
        String[] fields = expression.strip().split("\\s+");
        if (fields.length == 5) {
            return Optional.of("has 5 fields like a Unix crontab; a Quartz cron expression has 6 or 7, starting "
                    + "with seconds, and '?' in day-of-month or day-of-week: e.g. '0 0 * * * ?' for hourly");
        }
        if (fields.length < 6 || fields.length > 7) {
            return Optional.of("has " + fields.length + " fields; Quartz needs 6 or 7: seconds minutes hours "
                    + "day-of-month month day-of-week [year], e.g. '0 0 * * * ?' (hourly)");
        }
        for (int i = 0; i < fields.length; i++) {
            Optional<String> bad = checkField(fields[i].toUpperCase(Locale.ROOT), FIELDS.get(i));
            if (bad.isPresent()) {
                return Optional.of("field " + (i + 1) + " (" + FIELDS.get(i).name() + ") '"
                        + Problems.shorten(fields[i]) + "': "
                        + bad.get());
            }
        }
        boolean domAny = fields[3].equals("?");
        boolean dowAny = fields[5].equals("?");
        if (domAny == dowAny) {
            return Optional.of("exactly one of day-of-month (field 4) and day-of-week (field 6) must be '?'");
        }
        return Optional.empty();
    }

    private static Optional<String> checkField(String field, Field spec) {
        if (field.equals("*") || (field.equals("?") && spec.specials().contains("?"))) {
            return Optional.empty();
        }
        for (String part : field.split(",", -1)) {
            Optional<String> bad = checkPart(part, spec);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkPart(String part, Field spec) {
        if (part.isEmpty()) {
            return Optional.of("an empty list item");
        }
        String base = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            base = part.substring(0, slash);
            String step = part.substring(slash + 1);
            if (!step.matches("\\d{1,4}") || Integer.parseInt(step) == 0) {
                return Optional.of("the step after '/' must be a positive number");
            }
            if (base.equals("*")) {
                return Optional.empty();
            }
        }
        if (spec.specials().contains("L") && base.matches("L(-\\d{1,2})?|LW|\\d{1,2}W|\\d?L")) {
            return Optional.empty(); // last day (of month / week), nearest weekday
        }
        if (spec.specials().contains("#") && base.matches("[1-7]#[1-5]|[A-Z]{3}#[1-5]")) {
            return value(base.substring(0, base.indexOf('#')), spec);
        }
        String[] ends = base.split("-", -1);
        if (ends.length > 2) {
            return Optional.of("a range has one '-'");
        }
        for (String end : ends) {
            Optional<String> bad = value(end, spec);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(String text, Field spec) {
        if (spec.names().contains(text)) {
            return Optional.empty();
        }
        if (!text.matches("\\d{1,4}")) {
            String names = spec.names().isEmpty() ? "" : " or a name (" + spec.names().get(0) + "-"
                    + spec.names().get(spec.names().size() - 1) + ")";
            return Optional.of("expected a number from " + spec.min() + " to " + spec.max() + names
                    + ", '*', ',', '-', '/'" + (spec.specials().isEmpty() ? "" : " or " + String.join(" ",
                    spec.specials().split(""))));
        }
        int v = Integer.parseInt(text);
        if (v < spec.min() || v > spec.max()) {
            return Optional.of(v + " is outside " + spec.min() + "-" + spec.max());
        }
        return Optional.empty();
    }
}
