package org.phonecontroller.config.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.phonecontroller.config.ConfigProblem;

/** Collects the problems of one file. Messages must never contain secrets. */
public final class Problems {
    static final int MAX_SHOWN = 200;
    private static final Comparator<ConfigProblem> IN_FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);
    private final String file;
    private final List<ConfigProblem> found = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void add(YamlNode at, String message) {
        add(at.line(), at.column(), message);
    }

    public void add(YamlNode.Field at, String message) {
        add(at.line(), at.column(), message);
    }

    public void add(int line, int column, String message) {
        found.add(new ConfigProblem(file, Math.max(line, 1), Math.max(column, 1), message));
    }

    /** A problem of the file as a whole (missing, unreadable, permissions). */
    public void addForFile(String message) {
        found.add(new ConfigProblem(file, 0, 0, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    /** Text of a bad (non-secret) value, bounded and on one line, for quoting in a message. */
    public static String shorten(String value) {
        String cleaned = YamlTreeReader.clean(value);
        return cleaned.length() > 60 ? cleaned.substring(0, 57) + "..." : cleaned;
    }

    /** The problems in file order; beyond {@value #MAX_SHOWN}, a last line says how many more there are. */
    public List<ConfigProblem> list() {
        List<ConfigProblem> sorted = found.stream().sorted(IN_FILE_ORDER).toList();
        if (sorted.size() <= MAX_SHOWN) {
            return sorted;
        }
        List<ConfigProblem> shown = new ArrayList<>(sorted.subList(0, MAX_SHOWN));
        ConfigProblem last = shown.get(MAX_SHOWN - 1);
        shown.add(new ConfigProblem(file, last.line(), last.column(), "... and " + (sorted.size() - MAX_SHOWN)
                + " more problems"));
        return shown;
    }
}
